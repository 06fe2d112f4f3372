import { expect } from "chai";
import { unknownValue } from "../../../../provider/resources/common/unknown";

describe("unknownValue", () => {
  it("is the SDK's sentinel", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(unknownValue).to.equal(require("@pulumi/pulumi/runtime/rpc").unknownValue);
  });
});
