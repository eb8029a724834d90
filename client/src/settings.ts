// `corsLint.*` read per resource, typed and defaulted here (with the server's own validation), and
// handed to the server when it asks with workspace/configuration.
import * as vscode from 'vscode';
import type { CancellationToken, ConfigurationParams, ConfigurationRequest, ResponseError } from 'vscode-languageclient/node';
import { CorsLintSettings, normalizeSettings, SETTINGS_SECTION } from '../../server/src/lsp/protocol';

export function readSettings(scopeUri: string | undefined): CorsLintSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  return normalizeSettings({
    enable: config.get('enable'),
    run: config.get('run'),
    rules: { customizations: config.get('rules.customizations') },
    maxFileSize: config.get('maxFileSize'),
  });
}

/** Middleware for workspace/configuration: our section gets typed settings, others the default answer. */
export async function configurationMiddleware(
  params: ConfigurationParams,
  token: CancellationToken,
  next: ConfigurationRequest.HandlerSignature,
): Promise<unknown[] | ResponseError<void>> {
  const defaults = await next(params, token);
  if (!Array.isArray(defaults)) return defaults;
  return params.items.map((item, i) => (item.section === SETTINGS_SECTION ? readSettings(item.scopeUri) : defaults[i]));
}
