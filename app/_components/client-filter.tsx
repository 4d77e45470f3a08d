/** The agency pages' "which client" filter: all clients, or one. */
export function ClientFilter({ clients, value, onChange, className = "" }: { clients: { id: string; name: string }[]; value: string | null; onChange: (clientId: string | null) => void; className?: string }) {
  return (
    <label className={`text-sm ${className}`}>
      <span className="block text-xs font-medium text-slate-500">Client</span>
      <select className="input mt-1 w-52" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} aria-label="Client">
        <option value="">All clients</option>
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
