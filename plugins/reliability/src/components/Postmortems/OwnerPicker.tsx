import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A group or user the picker offers: its reference (what is stored) and how it reads. */
export type OwnerOption = { ref: string; title: string; kind: string };

/** The catalog's groups and users, groups first (as the list groups them), by display name. */
export function ownerOptions(entities: Entity[]): OwnerOption[] {
  return entities
    .map(entity => ({
      ref: stringifyEntityRef(entity),
      title: defaultEntityPresentation(entity).primaryTitle,
      kind: entity.kind.toLocaleLowerCase('en-US'),
    }))
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.title.localeCompare(b.title) ||
        a.ref.localeCompare(b.ref),
    );
}

const GROUP_LABEL: Record<string, string> = { group: 'Groups', user: 'Users' };

// Typing matches the display name and the reference alike ("checkout", "team-checkout").
const filter = createFilterOptions<OwnerOption>({
  stringify: o => `${o.title} ${o.ref}`,
});

/**
 * The catalog's groups and users for the owner pickers of a form, read once for all its
 * rows.
 */
export function useOwnerOptions(): {
  value?: OwnerOption[];
  loading: boolean;
  error?: Error;
} {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(
    async () =>
      ownerOptions(
        (
          await catalogApi.getEntities({
            filter: [{ kind: 'group' }, { kind: 'user' }],
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.title',
              'spec.profile.displayName',
            ],
          })
        ).items,
      ),
    [catalogApi],
  );
}

/**
 * The owner of an action item, picked from the catalog's groups and users: the list shows
 * their display names, the form keeps the entity reference. An owner saved before the
 * picker (free text) still shows as it was, and the validator says what is wrong with it.
 */
export function OwnerPicker(props: {
  id: string;
  value: string;
  onChange(ref: string): void;
  error?: string;
  /** The groups and users to pick from ({@link useOwnerOptions}). */
  owners: ReturnType<typeof useOwnerOptions>;
}) {
  const { value, loading, error } = props.owners;
  const options = useMemo(() => {
    const known = value ?? [];
    const current = props.value.trim();
    // A saved owner the catalog does not list (a free-text one, a group since removed).
    return current === '' || known.some(o => o.ref === current)
      ? known
      : [...known, { ref: current, title: current, kind: '' }];
  }, [value, props.value]);
  const selected = options.find(o => o.ref === props.value.trim()) ?? null;
  let helper = 'A group or user of the catalog';
  if (props.error) helper = props.error;
  else if (error) {
    helper = `Could not load the catalog’s groups and users: ${error.message}`;
  } else if (selected?.kind) helper = selected.ref;
  return (
    <Autocomplete
      id={props.id}
      options={options}
      value={selected}
      loading={loading}
      filterOptions={filter}
      getOptionLabel={o => o.title}
      getOptionSelected={(o, v) => o.ref === v.ref}
      groupBy={o => GROUP_LABEL[o.kind] ?? 'Saved before'}
      // The display name, and the reference under it (never split mid-reference).
      renderOption={o => (
        <div>
          <Typography variant="body2">{o.title}</Typography>
          {o.title !== o.ref && (
            <Typography
              variant="caption"
              color="textSecondary"
              style={{ whiteSpace: 'nowrap' }}
            >
              {o.ref}
            </Typography>
          )}
        </div>
      )}
      onChange={(_e, option) => props.onChange(option?.ref ?? '')}
      renderInput={params => (
        <TextField
          {...params}
          label="Owner"
          fullWidth
          error={!!props.error || !!error}
          helperText={helper}
        />
      )}
    />
  );
}
