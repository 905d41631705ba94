import { createReportFieldsSchema, refineAppeal } from '@shared/reports/reports.schemas.ts';
import { z } from 'zod';

/**
 * The report form: the API body plus how the place was given. In `district` mode the point is the
 * district's centre (set when the district is chosen) and the typed address says where exactly.
 */
export const reportFormSchema = createReportFieldsSchema
  .extend({
    locationMode: z.enum(['map', 'district']),
    territoryId: z.string(),
  })
  .superRefine((v, ctx) => {
    refineAppeal(v, ctx);
    if (v.locationMode === 'district' && !v.territoryId)
      ctx.addIssue({ code: 'custom', path: ['territoryId'], message: 'vmeste:district_required' });
    if (v.locationMode === 'district' && !v.address)
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'vmeste:address_required' });
  });

export type ReportFormInput = z.input<typeof reportFormSchema>;
export type ReportFormOutput = z.output<typeof reportFormSchema>;

export const reportFormFields = [
  'categoryId',
  'text',
  'lat',
  'lon',
  'address',
  'mediaIds',
  'isPublic',
  'territoryId',
  'kind',
  'appellant',
  'appellant.fullName',
  'appellant.email',
  'appellant.postalAddress',
] as const;
