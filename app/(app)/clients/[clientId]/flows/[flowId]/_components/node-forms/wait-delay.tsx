import { NumberField, SelectField, type NodeForm } from "./fields";

export const WaitDelayForm: NodeForm<"wait.delay"> = ({ config, set, errorsFor }) => (
  <>
    <SelectField
      label="Wait"
      errors={errorsFor("mode")}
      value={config.mode}
      options={[
        ["duration", "A set time"],
        ["untilOpen", "Until the business opens"],
      ]}
      onChange={(v) => set("mode", v)}
    />
    {config.mode === "duration" && <NumberField label="Minutes" errors={errorsFor("minutes")} value={"minutes" in config ? config.minutes : undefined} onChange={(v) => set("minutes", v)} />}
  </>
);
