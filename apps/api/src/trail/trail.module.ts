/** The trail of the API (反映 → 答复): read only, across the liaison, proposals and opinions wings. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { TRAIL_PERMISSIONS } from './trail.permissions.js';
import { TrailResolver } from './trail.resolver.js';

@Module({ providers: [TrailResolver] })
export class TrailModule {}

export const trailApi: ApiSystem = { name: 'trail', module: TrailModule, permissions: TRAIL_PERMISSIONS };
