import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { useUrlFilters } from './useUrlFilters';

function renderFilters(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(
    () => ({
      filters: useUrlFilters({ q: '', state: 'open' }),
      location: useLocation(),
    }),
    { wrapper },
  );
}

describe('useUrlFilters', () => {
  it('reads the filters from the URL, with defaults for the absent ones', () => {
    const { result } = renderFilters('/reviews?q=shard%20rebalance');
    expect(result.current.filters[0]).toEqual({
      q: 'shard rebalance',
      state: 'open',
    });
  });

  it('keeps both of two changes made before the page renders again', () => {
    const { result } = renderFilters('/reviews');
    act(() => {
      const [, update] = result.current.filters;
      update({ q: 'ledger' });
      update({ state: 'approved' });
    });
    expect(result.current.filters[0]).toEqual({
      q: 'ledger',
      state: 'approved',
    });
    expect(result.current.location.search).toBe('?q=ledger&state=approved');
  });

  it('drops a filter set back to its default from the URL', () => {
    const { result } = renderFilters('/reviews?state=approved&q=x');
    act(() => result.current.filters[1]({ state: 'open' }));
    expect(result.current.location.search).toBe('?q=x');
  });
});
