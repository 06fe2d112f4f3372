"""The Graph beta SDK for Python (msgraph-beta-sdk, with azure-identity) against the emulator.

Input: the emulator's ready line as JSON in argv[1]; REQUESTS_CA_BUNDLE set to its CA by the caller
(for azure-identity); the SDK's httpx client is given the CA explicitly. Output: one JSON object on
stdout. Run by scripts/python-graph-sdk.ts, which checks the emulator's request log.
"""
import asyncio
import json
import sys
from datetime import datetime, timezone
from urllib.parse import urlparse

import httpx
from azure.identity import ClientSecretCredential
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_authentication_azure.azure_identity_authentication_provider import AzureIdentityAuthenticationProvider
from msgraph_beta import GraphRequestAdapter, GraphServiceClient
from msgraph_beta.generated.models.external_meeting_registrant import ExternalMeetingRegistrant
from msgraph_beta.generated.models.online_meeting import OnlineMeeting
from msgraph_beta.generated.users.item.online_meetings.online_meetings_request_builder import OnlineMeetingsRequestBuilder
from msgraph_core import APIVersion, GraphClientFactory, PageIterator

SCOPE = "https://graph.microsoft.com/.default"


async def main() -> None:
    info = json.loads(sys.argv[1])
    graph, organizer = info["graphEndpoint"], info["organizer"]["id"]
    credential = ClientSecretCredential(
        info["tenantId"], info["app"]["clientId"], info["app"]["clientSecret"],
        authority=info["authorityHost"], disable_instance_discovery=True,
    )
    # The SDK attaches tokens only for hosts it knows: name the emulator's.
    auth = AzureIdentityAuthenticationProvider(credential, scopes=[SCOPE], allowed_hosts=[urlparse(graph).hostname])
    http = GraphClientFactory.create_with_default_middleware(api_version=APIVersion.beta, client=httpx.AsyncClient(verify=info["caFile"]))
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = f"{graph}/beta"
    client = GraphServiceClient(request_adapter=adapter)
    out = {}

    meetings = client.users.by_user_id(organizer).online_meetings
    created = await meetings.post(OnlineMeeting(
        subject="From the Graph SDK for Python",
        start_date_time=datetime(2030, 1, 1, 10, tzinfo=timezone.utc),
        end_date_time=datetime(2030, 1, 1, 11, tzinfo=timezone.utc),
    ))
    mid = created.id
    out["created"] = {"id": mid, "subject": created.subject}
    meeting = meetings.by_online_meeting_id(mid)
    out["got"] = (await meeting.get()).subject  # the caller's fault rule answers this GET with 429 first
    out["patched"] = (await meeting.patch(OnlineMeeting(subject="Renamed by the SDK"))).subject
    query = OnlineMeetingsRequestBuilder.OnlineMeetingsRequestBuilderGetQueryParameters(filter=f"JoinWebUrl eq '{created.join_web_url}'")
    listed = await meetings.get(request_configuration=RequestConfiguration(query_parameters=query))
    out["filtered"] = [m.id for m in listed.value]

    # Microsoft's OpenAPI description has no POST on .../registration: plain HTTP, as the contract says.
    token = credential.get_token(SCOPE).token
    async with httpx.AsyncClient(verify=info["caFile"]) as raw:
        res = await raw.post(f"{graph}/beta/users/{organizer}/onlineMeetings/{mid}/registration",
                             headers={"Authorization": f"Bearer {token}"},
                             json={"@odata.type": "#microsoft.graph.externalMeetingRegistration", "allowedRegistrant": "everyone"})
        out["registrationCreate"] = res.status_code
    registration = await meeting.registration.get()
    out["registration"] = {"type": type(registration).__name__, "odataType": registration.odata_type, "allowedRegistrant": str(registration.allowed_registrant)}

    for i in (1, 2, 3):
        r = await meeting.registration.registrants.post(ExternalMeetingRegistrant(id=f"sdk-{i}", odata_type="#microsoft.graph.externalMeetingRegistrant"))
        out.setdefault("registrantJoinWebUrls", []).append(bool(r.join_web_url))
    page = await meeting.registration.registrants.get()
    ids = []
    iterator = PageIterator(page, adapter)  # follows @odata.nextLink (the caller sets a page size of 2)
    await iterator.iterate(lambda r: ids.append(r.id) or True)
    out["registrants"] = ids

    await meeting.registration.delete()
    await meeting.delete()
    print(json.dumps(out))


asyncio.run(main())
