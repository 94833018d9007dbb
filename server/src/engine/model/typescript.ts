// TypeScript, TSX and JavaScript for the shared extractor (tree-sitter-typescript / -javascript share node types).
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../types';
import type { CallParts, FunctionParts, Grammar, Step } from './grammar';
import { decodeEscapes } from './strings';
import { childrenOfType, parentOf } from './nodes';

const transparentTypes = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression',
  'await_expression', 'type_assertion', 'ternary_expression', 'spread_element', 'array']);
const methodWrappers = new Set(['trim', 'toString', 'valueOf']);

function keyName(key: Node | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'string') return key.text.slice(1, -1);
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier' || key.type === 'number') return key.text;
  return undefined; // computed keys
}

function isTopLevel(n: Node): boolean {
  for (let p = parentOf(n); p; p = parentOf(p)) {
    if (p.type === 'program') return true;
    if (p.type === 'statement_block' || p.type === 'arrow_function' || p.type === 'function_expression') return false;
  }
  return true;
}

function makeGrammar(language: LanguageId): Grammar {
  return {
    language,
    stringTypes: ['string', 'template_string'],
    commentTypes: ['comment'],
    scalarQuery: '(true) @scalar (false) @scalar (null) @scalar (number) @scalar',
    callTypes: ['call_expression', 'new_expression'],
    referenceTypes: ['identifier', 'member_expression'],
    declarationTypes: ['variable_declarator', 'public_field_definition', 'field_definition', 'pair'],
    conditionalTypes: ['if_statement'],

    decodeString(node, text) {
      const raw = text.slice(node.startIndex, node.endIndex);
      const closed = raw.length >= 2 && raw[raw.length - 1] === raw[0];
      let body = closed ? raw.slice(1, -1) : raw.slice(1);
      const interpolated = node.type === 'template_string' && node.namedChildren.some(c => c?.type === 'template_substitution');
      if (interpolated) {
        // Replace each substitution (which may nest braces) by a hole, using the tree's own boundaries.
        let out = '', pos = node.startIndex + 1;
        for (const sub of node.namedChildren) {
          if (sub?.type !== 'template_substitution') continue;
          out += text.slice(pos, sub.startIndex) + '${…}';
          pos = sub.endIndex;
        }
        body = out + text.slice(pos, closed ? node.endIndex - 1 : node.endIndex);
      }
      return { value: decodeEscapes(body, 'js'), interpolated, contentStart: node.startIndex + 1, contentEnd: closed ? node.endIndex - 1 : node.endIndex };
    },

    callParts(call): CallParts | undefined {
      const argsNode = call.childForFieldName('arguments');
      const args = (argsNode?.type === 'arguments' ? argsNode.namedChildren : []).filter((a): a is Node => !!a && a.type !== 'comment').map(node => ({ node }));
      if (call.type === 'new_expression') {
        let ctor = call.childForFieldName('constructor');
        let receiver: Node | undefined;
        if (ctor?.type === 'member_expression') { receiver = ctor.childForFieldName('object') ?? undefined; ctor = ctor.childForFieldName('property'); }
        return ctor ? { callee: ctor, receiver, isConstructor: true, args } : undefined;
      }
      const fn = call.childForFieldName('function');
      if (!fn) return undefined;
      if (fn.type === 'member_expression') {
        const prop = fn.childForFieldName('property');
        return prop ? { callee: prop, receiver: fn.childForFieldName('object') ?? undefined, isConstructor: false, args } : undefined;
      }
      return { callee: fn, isConstructor: false, args };
    },

    step(node, parent): Step {
      if (transparentTypes.has(parent.type)) {
        if (parent.type === 'ternary_expression' && parent.childForFieldName('condition')?.id === node.id) return { kind: 'stop' };
        return { kind: 'transparent' };
      }
      switch (parent.type) {
        case 'binary_expression':
          return parent.childForFieldName('operator')?.type === '+' ? { kind: 'concat' } : { kind: 'stop' };
        case 'template_substitution':
          return { kind: 'concat' };
        case 'member_expression': {
          if (parent.childForFieldName('object')?.id !== node.id) return { kind: 'stop' };
          const name = parent.childForFieldName('property')?.text;
          const call = parentOf(parent);
          return name && methodWrappers.has(name) && call?.type === 'call_expression' ? { kind: 'wrapperReceiver', name, call } : { kind: 'stop' };
        }
        case 'arguments': {
          const call = parentOf(parent);
          if (!call) return { kind: 'stop' };
          const args = parent.namedChildren.filter(a => a && a.type !== 'comment');
          return { kind: 'argument', call, index: args.findIndex(a => a?.id === node.id) };
        }
        case 'pair': {
          if (parent.childForFieldName('value')?.id !== node.id) return { kind: 'stop' };
          const name = keyName(parent.childForFieldName('key'));
          const container = parentOf(parent);
          return name !== undefined && container ? { kind: 'key', name, container } : { kind: 'stop' };
        }
        case 'variable_declarator': {
          const name = parent.childForFieldName('name');
          if (parent.childForFieldName('value')?.id !== node.id || name?.type !== 'identifier') return { kind: 'stop' };
          const isConst = parentOf(parent)?.type === 'lexical_declaration' && parentOf(parent)!.text.startsWith('const');
          return { kind: 'binding', name: name.text, nameKind: isConst && isTopLevel(parent) ? 'constant' : 'variable' };
        }
        case 'public_field_definition': case 'field_definition': {
          const name = keyName(parent.childForFieldName('name') ?? parent.childForFieldName('property'));
          return name ? { kind: 'binding', name, nameKind: 'field' } : { kind: 'stop' };
        }
        case 'assignment_expression': case 'augmented_assignment_expression': {
          const left = parent.childForFieldName('left');
          if (!left || left.id === node.id) return { kind: 'stop' };
          const name = left.type === 'member_expression' ? left.childForFieldName('property')?.text
            : left.type === 'subscript_expression' ? keyName(left.childForFieldName('index')) : left.text;
          return name ? { kind: 'binding', name, nameKind: 'assign' } : { kind: 'stop' };
        }
        case 'jsx_expression': {
          const attr = parentOf(parent);
          return attr?.type === 'jsx_attribute' ? { kind: 'binding', name: attr.namedChildren[0]?.text ?? '', nameKind: 'property' } : { kind: 'stop' };
        }
        case 'jsx_attribute':
          return { kind: 'binding', name: parent.namedChildren[0]?.text ?? '', nameKind: 'property' };
        case 'assignment_pattern': case 'required_parameter': case 'optional_parameter': {
          const left = parent.childForFieldName('left') ?? parent.childForFieldName('pattern');
          return left && left.id !== node.id && left.type === 'identifier' ? { kind: 'binding', name: left.text, nameKind: 'variable' } : { kind: 'stop' };
        }
        default:
          return { kind: 'stop' };
      }
    },

    referenceName(node) {
      if (node.type === 'identifier') {
        const p = parentOf(node);
        if (p?.type === 'member_expression') return undefined;
        return { name: node.text };
      }
      if (parentOf(node)?.type === 'call_expression' && parentOf(node)!.childForFieldName('function')?.id === node.id) return undefined; // a callee
      const obj = node.childForFieldName('object');
      const prop = node.childForFieldName('property');
      if (!obj || !prop || prop.type !== 'property_identifier') return undefined;
      if (obj.type === 'identifier') return { name: prop.text, qualifier: obj.text };
      if (obj.type === 'member_expression') return { name: prop.text, qualifier: obj.text.replace(/\s+/g, '') };
      return undefined;
    },

    declarationOf(node) {
      if (node.type === 'variable_declarator') {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (name?.type !== 'identifier' || !value) return undefined;
        const top = isTopLevel(node);
        return { name: name.text, value, topLevel: top, exported: top && parentOf(parentOf(node))?.type === 'export_statement' };
      }
      if (node.type === 'pair') {
        // Fields of a top-level object constant: `export const Keys = { signing: '…' }` → `Keys.signing`.
        const obj = parentOf(node);
        const decl = parentOf(obj);
        if (obj?.type !== 'object' || decl?.type !== 'variable_declarator' || !isTopLevel(decl)) return undefined;
        const name = keyName(node.childForFieldName('key'));
        const value = node.childForFieldName('value');
        const owner = decl.childForFieldName('name');
        if (!name || !value || owner?.type !== 'identifier') return undefined;
        return { name, value, owner: owner.text, topLevel: true, exported: parentOf(parentOf(decl))?.type === 'export_statement' };
      }
      const name = keyName(node.childForFieldName('name'));
      const value = node.childForFieldName('value');
      if (!name || !value) return undefined;
      let owner: string | undefined;
      for (let p = parentOf(node); p; p = parentOf(p)) if (p.type === 'class_declaration' || p.type === 'class') { owner = p.childForFieldName('name')?.text; break; }
      return { name, value, owner, topLevel: false, exported: false };
    },

    functionTypes: ['function_declaration', 'generator_function_declaration', 'function_expression', 'function', 'generator_function',
      'arrow_function', 'method_definition'],
    typeDeclTypes: ['class_declaration', 'abstract_class_declaration', 'class'],
    elementTypes: ['jsx_self_closing_element', 'jsx_opening_element'],

    functionOf(node): FunctionParts | undefined {
      const notComment = (c: Node | null): c is Node => !!c && c.type !== 'comment';
      const single = node.childForFieldName('parameter'); // `x => …`
      const paramsNode = node.childForFieldName('parameters');
      const paramName = (p: Node): string => {
        if (p.type === 'identifier') return p.text;
        const inner = p.childForFieldName('pattern') ?? p.childForFieldName('left');
        return inner?.type === 'identifier' ? inner.text : p.text.slice(0, 40);
      };
      const params = single ? [single.text] : (paramsNode?.namedChildren ?? []).filter(notComment).map(paramName);
      const body = node.childForFieldName('body') ?? undefined;
      const statements = !body ? [] : body.type === 'statement_block' ? body.namedChildren.filter(notComment) : [body];
      const isLambda = node.type !== 'function_declaration' && node.type !== 'generator_function_declaration' && node.type !== 'method_definition';
      const isOverride = node.type === 'method_definition' && node.children.some(c => c?.type === 'override_modifier');
      return { name: node.childForFieldName('name') ?? undefined, params, body, statements, isLambda, isOverride };
    },

    statementKind(node) {
      if (node.type === 'true') return 'true';
      if (node.type === 'empty_statement') return 'empty';
      if (node.type === 'return_statement') {
        const value = node.namedChildren.find(c => c && c.type !== 'comment');
        if (!value) return 'empty';
        return value.type === 'true' ? 'true' : 'other';
      }
      return 'other';
    },

    typeDeclOf(node) {
      const simple = (t: Node | null | undefined): string | undefined => {
        if (!t) return undefined;
        if (t.type === 'identifier' || t.type === 'type_identifier') return t.text;
        if (t.type === 'member_expression') return t.childForFieldName('property')?.text;
        if (t.type === 'generic_type' || t.type === 'nested_type_identifier') return simple(t.namedChildren[t.type === 'generic_type' ? 0 : t.namedChildCount - 1]);
        return undefined;
      };
      const supertypes: string[] = [];
      const heritage = node.namedChildren.find(c => c?.type === 'class_heritage');
      for (const c of heritage?.namedChildren ?? []) {
        const parts = c && (c.type === 'extends_clause' || c.type === 'implements_clause') ? c.namedChildren : [c];
        for (const t of parts) { const n = simple(t); if (n) supertypes.push(n); }
      }
      return { name: node.childForFieldName('name')?.text, supertypes };
    },

    elementOf(node) {
      const name = node.childForFieldName('name');
      if (!name) return undefined;
      const attributes: { name: string; node: Node; value?: Node }[] = [];
      for (const a of node.namedChildren) {
        if (a?.type !== 'jsx_attribute') continue;
        const key = a.namedChildren[0];
        if (!key) continue;
        attributes.push({ name: key.text, node: a, value: a.namedChildren[1] ?? undefined });
      }
      return { name, attributes };
    },

    containerTypes: ['program', 'class_body'],
    holderTypes: ['export_statement', 'class_declaration', 'abstract_class_declaration'],

    fileLevelTypes: ['import_statement'],
    packageName() { return undefined; },

    imports(root) {
      const out: { local: string; imported: string; from: string }[] = [];
      for (const st of childrenOfType(root, ['import_statement'])) {
        const from = st.childForFieldName('source')?.text.slice(1, -1);
        const clause = st.namedChildren.find(c => c?.type === 'import_clause');
        if (!from || !clause) continue;
        for (const part of clause.namedChildren) {
          if (!part) continue;
          if (part.type === 'identifier') out.push({ local: part.text, imported: 'default', from });
          else if (part.type === 'namespace_import') {
            const id = part.namedChildren.find(c => c?.type === 'identifier');
            if (id) out.push({ local: id.text, imported: '*', from });
          } else if (part.type === 'named_imports') {
            for (const spec of part.namedChildren) {
              if (spec?.type !== 'import_specifier') continue;
              const name = spec.childForFieldName('name')?.text;
              const alias = spec.childForFieldName('alias')?.text;
              if (name) out.push({ local: alias ?? name, imported: name, from });
            }
          }
        }
      }
      return out;
    },
  };
}

export const typescriptGrammar = makeGrammar('typescript');
export const tsxGrammar = makeGrammar('tsx');
export const javascriptGrammar = makeGrammar('javascript');
