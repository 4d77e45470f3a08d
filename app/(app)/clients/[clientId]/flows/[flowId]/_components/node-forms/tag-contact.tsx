import { ListField, type NodeForm } from "./fields";

export const TagContactForm: NodeForm<"action.tagContact"> = ({ config, set, errorsFor }) => (
  <>
    <ListField label="Add tags" errors={errorsFor("add")} hint="Comma-separated, e.g. vip, called twice." value={config.add} onChange={(v) => set("add", v)} />
    <ListField label="Remove tags" errors={errorsFor("remove")} hint="Comma-separated; a tag the contact does not have is ignored." value={config.remove} onChange={(v) => set("remove", v)} />
  </>
);
