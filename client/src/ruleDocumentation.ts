// "CORS Lint: Show Rule Documentation": the rule page bundled with the extension in a Markdown
// preview, else the page on the web. Without an argument (command palette) the user picks a rule.
import * as vscode from 'vscode';

interface RuleEntry {
  id: string;
  description?: string;
}

interface PackageJson {
  repository?: { url?: string };
  contributes?: {
    configuration?: { properties?: Record<string, { items?: { properties?: { rule?: { anyOf?: { enum?: string[]; enumDescriptions?: string[] }[] } } } }> };
  };
}

/** The rule ids (and descriptions) listed in the manifest's `corsLint.rules.customizations` schema. */
export function ruleCatalog(context: vscode.ExtensionContext): RuleEntry[] {
  const manifest = context.extension.packageJSON as PackageJson;
  const rule = manifest.contributes?.configuration?.properties?.['corsLint.rules.customizations']?.items?.properties?.rule;
  const list = rule?.anyOf?.find((branch) => Array.isArray(branch.enum));
  return (list?.enum ?? []).map((id, i) => ({ id, description: list?.enumDescriptions?.[i] }));
}

function webDocsUrl(context: vscode.ExtensionContext, ruleId: string): string {
  const repository = (context.extension.packageJSON as PackageJson).repository?.url ?? 'https://github.com/cors-lint/cors-lint';
  return `${repository.replace(/\.git$/, '')}/blob/main/docs/rules/${ruleId}.md`;
}

export async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: unknown): Promise<void> {
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(
      ruleCatalog(context).map((rule) => ({ label: rule.id, detail: rule.description })),
      { placeHolder: 'Show the documentation of a cors-lint rule', matchOnDetail: true },
    );
    if (!picked) return;
    id = picked.label;
  }
  // Rule ids only: the id becomes part of a path and a URL.
  if (!/^[a-z0-9-]+$/.test(id)) {
    void vscode.window.showWarningMessage(`CORS Lint: "${id}" is not a rule id.`);
    return;
  }
  const bundled = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
  try {
    await vscode.workspace.fs.stat(bundled);
    await vscode.commands.executeCommand('markdown.showPreview', bundled);
  } catch {
    await vscode.env.openExternal(vscode.Uri.parse(webDocsUrl(context, id)));
  }
}
