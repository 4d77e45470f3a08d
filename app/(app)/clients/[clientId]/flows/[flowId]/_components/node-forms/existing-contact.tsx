import { CheckField, TextField, type NodeForm } from "./fields";

export const ExistingContactForm: NodeForm<"condition.existingContact"> = ({ config, set, errorsFor }) => (
  <>
    <TextField label="Only if tagged (optional)" errors={errorsFor("requireTag")} value={config.requireTag} placeholder="vip" onChange={(v) => set("requireTag", v)} />
    <CheckField label="Only if they have an open lead" value={config.requireOpenLead} onChange={(v) => set("requireOpenLead", v)} />
  </>
);
