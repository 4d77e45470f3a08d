import { ListField, NumbersField, type NodeForm } from "./fields";

export const TextReceivedForm: NodeForm<"trigger.textReceived"> = ({ config, set, errorsFor, numbers }) => (
  <>
    <NumbersField numbers={numbers} value={config.numbers} errors={errorsFor("numbers")} onChange={(v) => set("numbers", v)} />
    <ListField
      label="Only texts with these words (optional)"
      hint="Comma-separated; any case. Empty: any text. STOP, START, HELP and a reply to a run waiting for one never start the flow."
      value={config.keywords}
      errors={errorsFor("keywords")}
      onChange={(v) => set("keywords", v)}
    />
  </>
);
