import { expect } from "chai";
import { check } from "../../../provider/resources/virtualEventRegistrationQuestion/inputs";
import { create, customType, diff, predefinedType, read } from "../../../provider/resources/virtualEventRegistrationQuestion/lifecycle";
import { FakeGraph, graphError } from "../../support/fakeGraph";

const webinarId = "a1b2c3d4-0000-4000-8000-000000000001@8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
const custom = { webinarId, displayName: "Company", answerInputType: "text" as const, isRequired: true };
const predefined = { webinarId, label: "jobTitle" as const };

describe("VirtualEventRegistrationQuestion: check", () => {
  it("accepts a custom and a predefined question", () => {
    expect(check({}, custom)).to.deep.equal({ inputs: custom });
    expect(check({}, predefined)).to.deep.equal({ inputs: predefined });
    expect(check({}, { webinarId, displayName: "Track", answerInputType: "singleChoice", answerChoices: ["A", "B"] }).failures).to.equal(undefined);
  });
  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["neither kind", { webinarId }, [{ property: "label", reason: 'set label for a predefined question (e.g. label: "jobTitle"), or displayName and answerInputType for a custom one.' }]],
    ["both kinds", { ...predefined, displayName: "Job" }, [{ property: "displayName", reason: "displayName is for a custom question, and label for a predefined one (Graph sets its text): set either label, or displayName and answerInputType." }]],
    ["a label Graph does not know", { webinarId, label: "phone" }, [{ property: "label", reason: 'label "phone" is not a value Graph knows; use one of "street", "city", "state", "postalCode", "countryOrRegion", "industry", "jobTitle", "organization".' }]],
    ["a choice question without choices", { webinarId, displayName: "Track", answerInputType: "multiChoice" }, [{ property: "answerChoices", reason: 'answerChoices is required for multiChoice: the list of choices, e.g. ["Yes", "No"].' }]],
    ["choices on a text question", { ...custom, answerChoices: ["a"] }, [{ property: "answerChoices", reason: 'answerChoices is only for singleChoice and multiChoice questions; remove it, or set answerInputType to "singleChoice" or "multiChoice".' }]],
    ["an answer type in the wrong case", { ...custom, answerInputType: "MultilineText" }, [{ property: "answerInputType", reason: 'answerInputType "MultilineText" must be written exactly "multilineText".' }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check({}, news).failures).to.deep.equal(failures));
  }
});

describe("VirtualEventRegistrationQuestion: diff and lifecycle", () => {
  it("any change replaces; a predefined question is deleted first", async () => {
    expect(await diff("q1", { ...custom, id: "q1" }, { ...custom, isRequired: false })).to.deep.equal({ changes: true, replaces: ["isRequired"], deleteBeforeReplace: false });
    expect(await diff("q2", { ...predefined, id: "q2" }, { ...predefined, isRequired: true })).to.deep.equal({ changes: true, replaces: ["isRequired"], deleteBeforeReplace: true });
    expect(await diff("q2", { ...predefined, id: "q2" }, predefined)).to.deep.equal({ changes: false });
  });

  it("create POSTs with its @odata.type and the delegated identity", async () => {
    const g = new FakeGraph().on("POST /questions", (req) => ({ status: 201, body: { id: "q1", ...(req.body as object) } }));
    expect((await create(g.context(), custom as never)).id).to.equal("q1");
    await create(g.context(), predefined as never);
    expect(g.seen.map((s) => [(s.body as Record<string, unknown>)["@odata.type"], s.identity])).to.deep.equal([
      [customType, "delegated"],
      [predefinedType, "delegated"],
    ]);
  });

  it("a lost answer: the list is read first, and an existing question is not posted again", async () => {
    const g = new FakeGraph().on("POST /questions", graphError(0, "ECONNRESET", true)).on("GET /questions", { status: 200, body: { value: [{ id: "q9", label: "jobTitle", displayName: "Job title" }] } });
    expect((await create(g.context(), predefined as never)).id).to.equal("q9");
    expect(g.count("POST /questions")).to.equal(1);
  });

  it("read: a question gone from the list leaves the state", async () => {
    const g = new FakeGraph().on("GET /questions", { status: 200, body: { value: [] } });
    expect(await read(g.context(), "q1", { ...custom, id: "q1" } as never)).to.deep.equal({ id: "" });
  });
});
