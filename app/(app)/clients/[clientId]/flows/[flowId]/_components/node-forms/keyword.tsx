import { ListField, SelectField, type NodeForm } from "./fields";

export const KeywordForm: NodeForm<"condition.keyword"> = ({ config, set, errorsFor }) => (
  <>
    <ListField label="Words or phrases" errors={errorsFor("keywords")} hint="Comma-separated; any case." value={config.keywords} onChange={(v) => set("keywords", v)} />
    <SelectField
      label="Look in"
      errors={errorsFor("source")}
      value={config.source}
      options={[
        ["lastReply", "The caller's last reply"],
        ["voicemailTranscript", "The voicemail transcript"],
      ]}
      onChange={(v) => set("source", v)}
    />
  </>
);
