// The keys are defined in channels/keys.ts; this path stays for the modules that still import it.
export {
  CLIENT_NAME_KEY,
  CONFIGURED_KEY,
  ESM_KEY,
  EXTRAS_KEY,
  FINISHED_KEY,
  HTTP_TARGET_KEY,
  REALM_LOADER_KEY,
  RESETS_KEY,
  ROOT_KEY,
  SDK_KEY,
  SESSIONS_KEY,
  UNCOUNTED_KEY,
} from '../channels/keys';
