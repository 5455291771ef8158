/*
 * The `Client` class of each SDK generation, for the types tests see. Written by hand, not
 * compiled: a project installs one generation or both, and the comments below must reach the
 * published declarations (tsc drops them) so that the missing one becomes `any` instead of an
 * error. The build copies this file next to the compiled `sdk/index.d.ts`.
 */

// @ts-ignore -- resolves where @modelcontextprotocol/sdk (1.x) is installed
import type { Client as Sdk1Client } from '@modelcontextprotocol/sdk/client/index.js';
// @ts-ignore -- resolves where @modelcontextprotocol/client (2.x) is installed
import type { Client as Sdk2Client } from '@modelcontextprotocol/client';

export type V1Client = Sdk1Client;
export type V2Client = Sdk2Client;
