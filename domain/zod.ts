/**
 * The one zod instance Koers uses, configured for Dutch messages: schools and office staff read
 * what a schema says. Import `z` from here, not from 'zod', so the locale is always set.
 */
import { z } from 'zod';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';

z.config(z.locales.nl());
extendZodWithOpenApi(z);

export { z };
