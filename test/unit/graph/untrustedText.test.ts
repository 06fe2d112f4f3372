import { expect } from "chai";
import { untrustedText } from "../../../provider/graph/untrustedText";

describe("graph/untrustedText", () => {
  it("keeps ordinary text as it is", () => {
    expect(untrustedText("A registration already exists for this online meeting.", 500)).to.equal("A registration already exists for this online meeting.");
  });
  it("turns control, escape and bidi characters into single spaces", () => {
    expect(untrustedText("a\r\nb\tc\u001b[31md\u0085e\u202ef\u200bg", 500)).to.equal("a b c [31md e f g");
  });
  it("cuts at max with an ellipsis, and looks at no more than about twice max of a huge text", () => {
    expect(untrustedText("x".repeat(10), 5)).to.equal("xxxx…");
    expect(untrustedText("x".repeat(2_000_000), 500)).to.have.length(500);
    // Cut before cleaning, yet marked as cut even when the cleaned head fits.
    expect(untrustedText("ab" + "\n".repeat(100), 10)).to.equal("ab…");
  });
});
