/** The dependency rule of docs/architecture: the domain is pure and dependencies point inward. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports only src/domain: no node:*, no packages, no I/O.',
      from: { path: '^src/domain/', pathNot: '[.]test[.]ts$' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-only-inward',
      severity: 'error',
      comment: 'Use cases see the domain and their own ports, nothing else.',
      from: { path: '^src/application/', pathNot: '[.]test[.]ts$' },
      to: { pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'only-roots-see-adapters',
      severity: 'error',
      comment:
        'Only the composition roots (main.ts, cli/) and adapters themselves import adapters.',
      from: { path: '^src/', pathNot: '^src/(main[.]ts|cli/|adapters/)|[.]test[.]ts$' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
