import { CallReasons } from "@/server/flows/model";
import { ChecksField, NumbersField, type NodeForm } from "./fields";

export const MissedCallForm: NodeForm<"trigger.missedCall"> = ({ config, set, errorsFor, numbers }) => (
  <>
    <NumbersField numbers={numbers} value={config.numbers} errors={errorsFor("numbers")} onChange={(v) => set("numbers", v)} />
    <ChecksField label="Counts as missed" errors={errorsFor("reasons")} value={config.reasons} options={CallReasons} onChange={(v) => set("reasons", v)} />
  </>
);
