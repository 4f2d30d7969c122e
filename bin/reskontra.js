#!/usr/bin/env node
// The `reskontra` command: runs the TypeScript sources through tsx (see docs/decisions).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
