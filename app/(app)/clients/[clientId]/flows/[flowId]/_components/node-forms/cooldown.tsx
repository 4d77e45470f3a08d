import { NumberField, SelectField, type NodeForm } from "./fields";

export const CooldownForm: NodeForm<"condition.cooldown"> = ({ config, set, errorsFor }) => (
  <>
    <NumberField label="Window (minutes)" errors={errorsFor("windowMinutes")} value={config.windowMinutes} onChange={(v) => set("windowMinutes", v)} />
    <SelectField
      label="Counts runs of"
      errors={errorsFor("scope")}
      value={config.scope}
      options={[
        ["flow", "This flow"],
        ["any", "Any flow"],
      ]}
      onChange={(v) => set("scope", v)}
    />
  </>
);
