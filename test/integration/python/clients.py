"""Microsoft's Python clients against the emulator, unchanged: MSAL Python and azure-identity get
tokens (client secret, the emulator as authority, instance discovery off); plain HTTP calls (requests)
drive Graph; azure-core's pipeline (RetryPolicy + BearerTokenCredentialPolicy) retries a 429.

Input: the emulator's ready line as JSON in argv[1]. The CA is trusted through REQUESTS_CA_BUNDLE,
set by the caller. Output: one JSON object on stdout with what each step saw.
"""
import json
import sys
import urllib.parse

import msal
import requests
from azure.core import PipelineClient
from azure.core.pipeline.policies import BearerTokenCredentialPolicy, RetryPolicy
from azure.core.rest import HttpRequest
from azure.identity import ClientSecretCredential

SCOPE = "https://graph.microsoft.com/.default"
info = json.loads(sys.argv[1])
graph = info["graphEndpoint"]
organizer = info["organizer"]["id"]
out = {}

# MSAL Python: the authority is {authorityHost}/{tenantId}; instance discovery would ask
# login.microsoftonline.com about the emulator's host.
app = msal.ConfidentialClientApplication(
    info["app"]["clientId"],
    client_credential=info["app"]["clientSecret"],
    authority=f"{info['authorityHost']}/{info['tenantId']}",
    instance_discovery=False,
)
result = app.acquire_token_for_client(scopes=[SCOPE])
if "access_token" not in result:
    raise SystemExit(f"MSAL: {result.get('error')}: {result.get('error_description')}")
out["msal"] = {"token_type": result["token_type"], "expires_in": result["expires_in"]}

# azure-identity: authority is the emulator's origin, instance discovery off.
credential = ClientSecretCredential(
    info["tenantId"],
    info["app"]["clientId"],
    info["app"]["clientSecret"],
    authority=info["authorityHost"],
    disable_instance_discovery=True,
)
token = credential.get_token(SCOPE)
out["azureIdentity"] = {"expires_on": token.expires_on}

session = requests.Session()
session.headers["Authorization"] = f"Bearer {token.token}"
users = f"{graph}/v1.0/users/{organizer}/onlineMeetings"
beta = f"{graph}/beta/users/{organizer}/onlineMeetings"


def call(method, url, body=None, expect=(200,)):
    res = session.request(method, url, json=body)
    if res.status_code not in expect:
        raise SystemExit(f"{method} {url}: {res.status_code} {res.text}")
    return res.json() if res.content else None


meeting = call("POST", users, {"subject": "From Python", "startDateTime": "2030-01-01T10:00:00Z", "endDateTime": "2030-01-01T11:00:00Z"}, (201,))
mid = meeting["id"]
out["created"] = {"id": mid, "subject": meeting["subject"]}
out["got"] = call("GET", f"{users}/{mid}")["subject"]
out["patched"] = call("PATCH", f"{users}/{mid}", {"subject": "Renamed from Python"})["subject"]
flt = urllib.parse.quote(f"JoinWebUrl eq '{meeting['joinWebUrl']}'")
out["filtered"] = [m["id"] for m in call("GET", f"{users}?$filter={flt}")["value"]]

call("POST", f"{beta}/{mid}/registration", {"@odata.type": "#microsoft.graph.externalMeetingRegistration", "allowedRegistrant": "everyone"}, (201,))
out["registration"] = call("GET", f"{beta}/{mid}/registration")["@odata.type"]
created = call("POST", f"{beta}/{mid}/registration/registrants", {"@odata.type": "#microsoft.graph.externalMeetingRegistrant", "id": "py-1"})
out["registrantJoinWebUrl"] = created["joinWebUrl"].startswith("https://teams.microsoft.com/l/meetup-join/")
call("POST", f"{beta}/{mid}/registration/registrants", {"@odata.type": "#microsoft.graph.externalMeetingRegistrant", "id": "py-2"})
listed, url = [], f"{beta}/{mid}/registration/registrants"
while url:  # follow @odata.nextLink (the caller sets a page size of 1)
    page = call("GET", url)
    listed += [r["id"] for r in page["value"]]
    url = page.get("@odata.nextLink")
out["registrants"] = listed

# azure-core's pipeline with Microsoft's retry policy: the caller's fault rule answers the first GET of
# a beta meeting with 429 + Retry-After; the policy waits and retries.
pipeline = PipelineClient(
    base_url=graph,
    policies=[RetryPolicy(retry_total=3, retry_backoff_factor=0.1), BearerTokenCredentialPolicy(credential, SCOPE)],
)
response = pipeline.send_request(HttpRequest("GET", f"{beta}/{mid}"))
out["retried"] = {"status": response.status_code}

call("DELETE", f"{beta}/{mid}/registration", None, (204,))
call("DELETE", f"{users}/{mid}", None, (204,))
out["deleted"] = session.get(f"{users}/{mid}").status_code
print(json.dumps(out))
