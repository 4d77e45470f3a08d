import { MessageEditor } from "../message-editor";
import { ListField, TextField, type NodeForm } from "./fields";

/** "Send to a webhook": where, what (a JSON template), and which fields of the answer later steps may use. */
export const WebhookForm: NodeForm<"action.webhook"> = ({ config, set, errorsFor, readOnly }) => {
  const saveAs = typeof config.saveAs === "string" && config.saveAs !== "" ? config.saveAs : "crm";
  const first = Array.isArray(config.fields) && typeof config.fields[0] === "string" ? config.fields[0] : "id";
  return (
    <>
      <TextField label="Address (URL)" errors={errorsFor("url")} value={config.url} placeholder="https://hooks.zapier.com/hooks/catch/…" onChange={(v) => set("url", v ?? "")} />
      <MessageEditor label="Body (JSON)" errors={errorsFor("body")} value={typeof config.body === "string" ? config.body : ""} readOnly={readOnly} customerFacing={false} json onChange={(v) => set("body", v)} />
      <TextField label="Save the answer as" errors={errorsFor("saveAs")} value={config.saveAs} placeholder="crm" onChange={(v) => set("saveAs", v ?? "")} />
      <ListField
        label="Fields to keep from the answer"
        errors={errorsFor("fields")}
        hint={`Comma-separated, such as id, lead.id. Later steps use them as {{webhook.${saveAs}.${first}}}.`}
        value={config.fields}
        onChange={(v) => set("fields", v)}
      />
      <p className="text-xs text-slate-500">Each request is signed with the secret in Settings (X-Ringback-Signature). A 4xx answer goes to “Failed” at once; a 5xx or no answer within 10 s is tried again.</p>
    </>
  );
};
