import { expect } from "chai";
import { create, customType, diff, predefinedType, read } from "../../../../provider/resources/virtualEventRegistrationQuestion/lifecycle";
import { FakeGraph, graphError } from "../../../support/fakeGraph";
import { custom, predefined } from "./fixtures";

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
