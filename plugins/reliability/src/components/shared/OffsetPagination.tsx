import TablePagination from '@material-ui/core/TablePagination';

/**
 * Page controls for a list the backend pages with `limit`/`offset`: a new page size goes
 * back to the first page, so the page shown always exists.
 */
export function OffsetPagination(props: {
  total: number;
  page: number;
  pageSize: number;
  sizes: number[];
  onChange: (page: number, pageSize: number) => void;
}) {
  const { total, page, pageSize, sizes, onChange } = props;
  return (
    <TablePagination
      component="div"
      count={total}
      page={page}
      rowsPerPage={pageSize}
      rowsPerPageOptions={sizes}
      onPageChange={(_e, p) => onChange(p, pageSize)}
      onRowsPerPageChange={e => onChange(0, Number(e.target.value))}
    />
  );
}
