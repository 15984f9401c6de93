import { render, screen } from '@testing-library/react';
import { SourceLocation, sourceLocationName } from './SourceLocation';

describe('sourceLocationName', () => {
  it('gives the file name of file and url locations', () => {
    expect(sourceLocationName('file:/work/repo/examples/slos.yaml')).toBe(
      'slos.yaml',
    );
    expect(
      sourceLocationName(
        'url:https://github.com/acme/svc/blob/main/catalog/slos.yaml?ref=x',
      ),
    ).toBe('slos.yaml');
    expect(sourceLocationName('https://example.com/a/b.yaml')).toBe('b.yaml');
  });

  it('leaves what is not a path as it is', () => {
    expect(sourceLocationName('api')).toBe('api');
    expect(sourceLocationName('file:/')).toBe('file:/');
  });
});

describe('SourceLocation', () => {
  it('shows the file name, the full location as its title on hover', () => {
    render(<SourceLocation location="file:/work/repo/slos.yaml" />);
    expect(screen.getByText('slos.yaml')).toHaveAttribute(
      'title',
      'file:/work/repo/slos.yaml',
    );
    expect(screen.queryByText(/file:/)).toBeNull();
  });
});
