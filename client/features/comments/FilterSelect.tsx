/** A filter of the side panel: "all" first, then one option per value, named by its label. */
export function FilterSelect(props: { label: string; allLabel: string; value: string; options: Iterable<readonly [value: string, label: string]>; onChange: (value: string) => void }) {
  return (
    <select aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      <option value="all">{props.allLabel}</option>
      {[...props.options].map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}
