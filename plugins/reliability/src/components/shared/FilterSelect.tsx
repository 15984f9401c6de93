import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { ReactNode, useId } from 'react';

/**
 * A filter of a list: a select whose first option, "All", clears it. The one filter control
 * of the suite's lists; its value usually lives in the URL (see useUrlFilters).
 */
export function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** `[value, label]` pairs, in the order shown. */
  options: Array<[string, ReactNode]>;
  minWidth?: number;
  /** The label of the option that clears the filter. */
  allLabel?: string;
}) {
  const id = useId();
  return (
    <FormControl style={{ minWidth: props.minWidth ?? 160 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        value={props.value}
        onChange={e => props.onChange(e.target.value as string)}
      >
        <MenuItem value="">{props.allLabel ?? 'All'}</MenuItem>
        {props.options.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
