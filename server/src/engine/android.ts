// Facts about Android configuration files that the transport rules share: where the manifest or a network security
// config permits cleartext traffic, and where a config trusts user-installed CAs. Read from the XML model's
// elements (model/xml.ts), never from the text.
import type { FileModel, XmlAttribute, XmlDocument, XmlElement } from './model/model';
import type { Span } from './types';
import { isLoopback } from './urls';

/** A debug source set (`src/debug/`, `src/freeDebug/`): its manifest and resources only go into debug builds. */
const debugSourceSet = /(^|[\\/])src[\\/](debug|[a-z]\w*Debug)[\\/]/;

export function isDebugSourceSet(path: string): boolean {
  return debugSourceSet.test(path);
}

export interface CleartextPermission {
  attribute: XmlAttribute;
  where: 'application' | 'base-config' | 'domain-config';
  /** domain-config: the non-loopback domains it governs (empty while none is written). */
  domains: string[];
  /** application: the manifest also names a network security config, which decides from Android 7 on. */
  configNamed?: boolean;
}

export interface UserTrustAnchor {
  /** The `src` attribute of `<certificates src="user"/>`. */
  attribute: XmlAttribute;
  certificates: XmlElement;
  where: 'base-config' | 'domain-config';
  domains: string[];
  /** Other `<certificates>` of the same `<trust-anchors>` (removing this one still leaves a trust anchor). */
  siblings: XmlElement[];
}

const attr = (e: XmlElement, local: string, android: boolean) => e.attributes.find(a => a.local === local && a.android === android && a.name.includes(':') === android);
// aapt compiles a boolean attribute written `true`, `TRUE` or `True` alike.
const isTrue = (a: XmlAttribute | undefined): a is XmlAttribute => a?.value.trim().toLowerCase() === 'true';

/** `<application android:usesCleartextTraffic="true">`; `<base-config>`/`<domain-config cleartextTrafficPermitted="true">`. */
export function cleartextPermissions(model: FileModel): CleartextPermission[] {
  const doc = model.xml;
  if (!doc) return [];
  const out: CleartextPermission[] = [];
  if (doc.root === 'manifest') {
    for (const e of doc.elements) {
      if (e.name !== 'application' || e.parent !== 0) continue;
      const a = attr(e, 'usesCleartextTraffic', true);
      if (isTrue(a)) out.push({ attribute: a, where: 'application', domains: [], configNamed: !!attr(e, 'networkSecurityConfig', true) });
    }
  } else if (doc.root === 'network-security-config') {
    const children = childIndex(doc);
    const debug = underDebugOverrides(doc);
    doc.elements.forEach((e, i) => {
      if (e.name !== 'base-config' && e.name !== 'domain-config') return;
      const a = attr(e, 'cleartextTrafficPermitted', false);
      if (!isTrue(a) || debug[i]) return;
      if (e.name === 'base-config') { out.push({ attribute: a, where: 'base-config', domains: [] }); return; }
      // Nested domain-configs that do not say otherwise inherit the permission.
      const all = governedDomains(doc, children, i, c => !attr(c, 'cleartextTrafficPermitted', false));
      if (all.length && all.every(isLoopback)) return;
      out.push({ attribute: a, where: 'domain-config', domains: all.filter(d => !isLoopback(d)) });
    });
  }
  return out;
}

/** `<certificates src="user"/>` in the trust anchors of a `<base-config>` or `<domain-config>` (not `<debug-overrides>`). */
export function userTrustAnchors(model: FileModel): UserTrustAnchor[] {
  const doc = model.xml;
  if (!doc || doc.root !== 'network-security-config') return [];
  const children = childIndex(doc);
  const debug = underDebugOverrides(doc);
  const out: UserTrustAnchor[] = [];
  for (const e of doc.elements) {
    if (e.name !== 'certificates' || e.parent === undefined) continue;
    const src = attr(e, 'src', false);
    if (src?.value.trim() !== 'user') continue;
    const anchors = doc.elements[e.parent];
    if (anchors.name !== 'trust-anchors' || anchors.parent === undefined) continue;
    const config = doc.elements[anchors.parent];
    if ((config.name !== 'base-config' && config.name !== 'domain-config') || debug[anchors.parent]) continue;
    let domains: string[] = [];
    if (config.name === 'domain-config') {
      // Nested domain-configs without trust anchors of their own inherit these.
      const all = governedDomains(doc, children, anchors.parent, (_, k) => !(children.get(k) ?? []).some(g => doc.elements[g].name === 'trust-anchors'));
      if (all.length && all.every(isLoopback)) continue;
      domains = all.filter(d => !isLoopback(d));
    }
    const siblings = (children.get(e.parent) ?? []).map(k => doc.elements[k]).filter(k => k !== e && k.name === 'certificates');
    out.push({ attribute: src, certificates: e, where: config.name, domains, siblings });
  }
  return out;
}

function childIndex(doc: XmlDocument): Map<number, number[]> {
  const m = new Map<number, number[]>();
  doc.elements.forEach((e, i) => {
    if (e.parent === undefined) return;
    const list = m.get(e.parent);
    if (list) list.push(i); else m.set(e.parent, [i]);
  });
  return m;
}

/**
 * Per element: inside a `<debug-overrides>`. One pass in document order (a parent comes before its children), not a
 * walk up from each element, which took seconds in a config nested thousands of levels deep.
 */
function underDebugOverrides(doc: XmlDocument): boolean[] {
  const out: boolean[] = [];
  doc.elements.forEach((e, i) => {
    const p = e.parent;
    out[i] = p !== undefined && (doc.elements[p].name === 'debug-overrides' || out[p]);
  });
  return out;
}

/** The `<domain>` names of a domain-config and of the nested domain-configs that `inherits` (through a stack, not recursion). */
function governedDomains(doc: XmlDocument, children: Map<number, number[]>, config: number, inherits: (nested: XmlElement, index: number) => boolean): string[] {
  const out: string[] = [];
  const pending = [config];
  while (pending.length) {
    for (const k of children.get(pending.pop()!) ?? []) {
      const c = doc.elements[k];
      if (c.name === 'domain' && c.text.trim()) out.push(c.text.trim().toLowerCase());
      else if (c.name === 'domain-config' && inherits(c, k)) pending.push(k);
    }
  }
  return out;
}

/** An attribute's value without the white space around it (` true ` → `true`): where a finding and its fix go. */
export function trimmedValue(text: string, a: XmlAttribute): Span {
  let { start, end } = a.valueSpan;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
