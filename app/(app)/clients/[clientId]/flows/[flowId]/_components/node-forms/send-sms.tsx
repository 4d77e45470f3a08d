import { CheckField, MessageField, type NodeForm } from "./fields";

export const SendSmsForm: NodeForm<"action.sendSms"> = ({ config, set, errorsFor, readOnly }) => (
  <>
    <MessageField label="Text message" errors={errorsFor("template")} value={config.template} readOnly={readOnly} customerFacing onChange={(v) => set("template", v)} />
    <CheckField label="Immediate reply (sent even during quiet hours)" value={config.immediate} onChange={(v) => set("immediate", v)} />
  </>
);
