import { MessageField, NumberField, SelectField, type NodeForm } from "./fields";

export const BookForm: NodeForm<"action.book"> = ({ config, set, errorsFor, readOnly }) => (
  <>
    <SelectField
      label="How"
      errors={errorsFor("mode")}
      value={config.mode}
      options={[
        ["offerSlots", "Offer the next free times"],
        ["link", "Text the booking link"],
      ]}
      onChange={(v) => set("mode", v)}
    />
    {config.mode !== "link" && (
      <NumberField label="Wait for a choice (minutes)" errors={errorsFor("replyTimeoutMinutes")} value={config.replyTimeoutMinutes} onChange={(v) => set("replyTimeoutMinutes", v)} />
    )}
    <MessageField label={config.mode === "link" ? "Link text" : "Offer text"} errors={errorsFor("template")} value={config.template} readOnly={readOnly} customerFacing onChange={(v) => set("template", v)} />
    <MessageField label="Confirmation text" errors={errorsFor("confirmTemplate")} value={config.confirmTemplate} readOnly={readOnly} customerFacing onChange={(v) => set("confirmTemplate", v)} />
  </>
);
