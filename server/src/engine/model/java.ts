// Java for the shared extractor, on tree-sitter-java. Annotations count as calls (`@Header("Authorization")`).
import type { Node } from 'web-tree-sitter';
import type { CallParts, FunctionParts, Grammar, Step } from './grammar';
import { decodeEscapes } from './strings';
import { childrenOfType, parentOf } from './nodes';

const methodWrappers = new Set(['getBytes', 'toCharArray', 'trim', 'toString', 'intern']);

function ownerOf(n: Node): { owner?: string; topLevel: boolean } {
  for (let p = parentOf(n); p; p = parentOf(p)) {
    if (p.type === 'class_declaration' || p.type === 'interface_declaration' || p.type === 'enum_declaration' || p.type === 'record_declaration') {
      return { owner: p.childForFieldName('name')?.text, topLevel: true };
    }
    if (p.type === 'block' || p.type === 'lambda_expression' || p.type === 'method_declaration') return { topLevel: false };
  }
  return { topLevel: true };
}

function declaratorName(parent: Node): string | undefined {
  return parent.childForFieldName('name')?.text;
}

export const javaGrammar: Grammar = {
  language: 'java',
  stringTypes: ['string_literal'],
  commentTypes: ['line_comment', 'block_comment'],
  scalarQuery: '(true) @scalar (false) @scalar (null_literal) @scalar (decimal_integer_literal) @scalar',
  callTypes: ['method_invocation', 'object_creation_expression', 'annotation'],
  referenceTypes: ['identifier', 'field_access'],
  declarationTypes: ['variable_declarator'],
  conditionalTypes: ['if_statement'],

  decodeString(node, text) {
    const raw = text.slice(node.startIndex, node.endIndex);
    const block = raw.startsWith('"""');
    const q = block ? 3 : 1;
    let body = raw.length >= 2 * q ? raw.slice(q, raw.length - q) : raw.slice(q);
    if (block) body = body.replace(/^[ \t]*\r?\n/, '');
    return { value: decodeEscapes(body, 'java'), interpolated: false, contentStart: node.startIndex + q, contentEnd: node.endIndex - (raw.length >= 2 * q ? q : 0) };
  },

  callParts(call): CallParts | undefined {
    if (call.type === 'annotation') {
      const name = call.childForFieldName('name');
      const list = call.childForFieldName('arguments');
      if (!name || !list) return undefined;
      const args = list.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment' && a.type !== 'line_comment' && a.type !== 'block_comment').map(a =>
        a.type === 'element_value_pair' ? { node: a.childForFieldName('value') ?? a, name: a.childForFieldName('key')?.text } : { node: a });
      const simple = name.type === 'scoped_identifier' ? name.childForFieldName('name') ?? name : name;
      return { callee: simple, isConstructor: false, args };
    }
    const list = call.childForFieldName('arguments');
    if (!list) return undefined;
    const args = list.namedChildren.filter((a): a is Node => !!a && !a.type.endsWith('comment')).map(a => ({ node: a }));
    if (call.type === 'object_creation_expression') {
      let type = call.childForFieldName('type');
      if (type?.type === 'generic_type') type = type.namedChildren[0] ?? type;
      if (type?.type === 'scoped_type_identifier') type = type.namedChildren[type.namedChildCount - 1] ?? type;
      return type ? { callee: type, isConstructor: true, args } : undefined;
    }
    const name = call.childForFieldName('name');
    return name ? { callee: name, receiver: call.childForFieldName('object') ?? undefined, isConstructor: false, args } : undefined;
  },

  step(node, parent): Step {
    switch (parent.type) {
      case 'parenthesized_expression': case 'cast_expression': case 'ternary_expression':
        return { kind: 'transparent' };
      case 'binary_expression':
        return parent.childForFieldName('operator')?.type === '+' ? { kind: 'concat' } : { kind: 'stop' };
      case 'method_invocation': {
        if (parent.childForFieldName('object')?.id === node.id) {
          const name = parent.childForFieldName('name')?.text;
          return name && methodWrappers.has(name) ? { kind: 'wrapperReceiver', name, call: parent } : { kind: 'stop' };
        }
        return { kind: 'stop' };
      }
      case 'argument_list': {
        const call = parentOf(parent);
        if (!call) return { kind: 'stop' };
        const args = parent.namedChildren.filter(a => a && !a.type.endsWith('comment'));
        return { kind: 'argument', call, index: args.findIndex(a => a?.id === node.id) };
      }
      case 'annotation_argument_list': {
        const call = parentOf(parent)!;
        const args = parent.namedChildren.filter(a => a && !a.type.endsWith('comment'));
        return { kind: 'argument', call, index: args.findIndex(a => a?.id === node.id) };
      }
      case 'element_value_pair': {
        const list = parentOf(parent);
        const call = parentOf(list);
        if (!list || !call || call.type !== 'annotation') return { kind: 'stop' };
        const args = list.namedChildren.filter(a => a && !a.type.endsWith('comment'));
        return { kind: 'argument', call, index: args.findIndex(a => a?.id === parent.id), name: parent.childForFieldName('key')?.text };
      }
      case 'element_value_array_initializer': case 'array_initializer':
        return { kind: 'transparent' };
      case 'variable_declarator': {
        const name = declaratorName(parent);
        if (!name || parent.childForFieldName('value')?.id !== node.id) return { kind: 'stop' };
        const decl = parentOf(parent);
        const mods = decl?.namedChildren.find(c => c?.type === 'modifiers')?.text ?? '';
        const isField = decl?.type === 'field_declaration' || decl?.type === 'constant_declaration';
        const isConst = (/\bstatic\b/.test(mods) && /\bfinal\b/.test(mods)) || decl?.type === 'constant_declaration';
        return { kind: 'binding', name, nameKind: isConst ? 'constant' : isField ? 'field' : 'variable' };
      }
      case 'assignment_expression': {
        const left = parent.childForFieldName('left');
        if (left?.id === node.id || !left) return { kind: 'stop' };
        const name = left.type === 'field_access' ? left.childForFieldName('field')?.text : left.type === 'identifier' ? left.text : undefined;
        return name ? { kind: 'binding', name, nameKind: 'assign' } : { kind: 'stop' };
      }
      default:
        return { kind: 'stop' };
    }
  },

  referenceName(node) {
    if (node.type === 'identifier') {
      const p = parentOf(node);
      if (p?.type === 'field_access' || (p?.type === 'method_invocation' && p.childForFieldName('name')?.id === node.id)) return undefined;
      return { name: node.text };
    }
    const obj = node.childForFieldName('object');
    const field = node.childForFieldName('field');
    if (!obj || !field || (obj.type !== 'identifier' && obj.type !== 'field_access')) return undefined;
    return { name: field.text, qualifier: obj.type === 'identifier' ? obj.text : obj.childForFieldName('field')?.text };
  },

  declarationOf(node) {
    const name = declaratorName(node);
    const value = node.childForFieldName('value');
    if (!name || !value) return undefined;
    const decl = parentOf(node);
    const isField = decl?.type === 'field_declaration' || decl?.type === 'constant_declaration';
    const mods = decl?.namedChildren.find(c => c?.type === 'modifiers')?.text ?? '';
    const { owner, topLevel } = ownerOf(node);
    return { name, value, owner, topLevel: isField && topLevel, exported: isField && !/\bprivate\b/.test(mods) };
  },

  functionTypes: ['method_declaration', 'lambda_expression'],
  typeDeclTypes: ['class_declaration', 'object_creation_expression', 'enum_declaration', 'record_declaration', 'interface_declaration'],

  functionOf(node): FunctionParts | undefined {
    const notComment = (c: Node | null): c is Node => !!c && !c.type.endsWith('comment');
    const paramsNode = node.childForFieldName('parameters');
    let params: string[];
    if (paramsNode?.type === 'identifier') params = [paramsNode.text];
    else params = (paramsNode?.namedChildren ?? []).filter(notComment).map(p => p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text ?? p.namedChildren.find(c => c?.type === 'variable_declarator')?.childForFieldName('name')?.text ?? '');
    const body = node.childForFieldName('body') ?? undefined;
    const statements = !body ? [] : body.type === 'block' ? body.namedChildren.filter(notComment) : [body];
    if (node.type === 'lambda_expression') return { params, body, statements, isLambda: true, isOverride: false };
    const mods = node.namedChildren.find(c => c?.type === 'modifiers');
    const isOverride = !!mods?.namedChildren.some(c => (c?.type === 'marker_annotation' || c?.type === 'annotation') && /^(java\.lang\.)?Override$/.test(c.childForFieldName('name')?.text ?? ''));
    return { name: node.childForFieldName('name') ?? undefined, params, body, statements, isLambda: false, isOverride };
  },

  statementKind(node) {
    if (node.type === 'true') return 'true';
    if (node.type === 'empty_statement') return 'empty';
    if (node.type === 'return_statement') {
      const value = node.namedChildren.find(c => c && !c.type.endsWith('comment'));
      if (!value) return 'empty';
      return value.type === 'true' ? 'true' : 'other';
    }
    return 'other';
  },

  typeDeclOf(node) {
    const simple = (t: Node | null | undefined): string | undefined => {
      if (!t) return undefined;
      if (t.type === 'generic_type') return simple(t.namedChildren[0]);
      if (t.type === 'scoped_type_identifier') return simple(t.namedChildren[t.namedChildCount - 1]);
      return t.type === 'type_identifier' ? t.text : undefined;
    };
    if (node.type === 'object_creation_expression') {
      if (!node.namedChildren.some(c => c?.type === 'class_body')) return undefined; // not an anonymous class
      const t = simple(node.childForFieldName('type'));
      return { supertypes: t ? [t] : [] };
    }
    const supertypes: string[] = [];
    const sup = node.childForFieldName('superclass');
    for (const c of sup?.namedChildren ?? []) { const t = simple(c); if (t) supertypes.push(t); }
    const lists = [node.childForFieldName('interfaces'), node.namedChildren.find(c => c?.type === 'extends_interfaces')];
    for (const l of lists) {
      const typeList = l?.namedChildren.find(c => c?.type === 'type_list');
      for (const c of typeList?.namedChildren ?? []) { const t = simple(c); if (t) supertypes.push(t); }
    }
    return { name: node.childForFieldName('name')?.text, supertypes };
  },

  containerTypes: ['program', 'class_body', 'interface_body', 'enum_body', 'enum_body_declarations', 'annotation_type_body'],
  holderTypes: ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration'],

  fileLevelTypes: ['package_declaration', 'import_declaration'],
  packageName(root) {
    return childrenOfType(root, ['package_declaration'])[0]?.namedChildren[0]?.text.replace(/\s+/g, '');
  },

  imports(root) {
    const out: { local: string; imported: string; from: string }[] = [];
    for (const imp of childrenOfType(root, ['import_declaration'])) {
      const q = imp.namedChildren.find(c => c?.type === 'scoped_identifier' || c?.type === 'identifier');
      if (!q || imp.namedChildren.some(c => c?.type === 'asterisk')) continue;
      const fq = q.text.replace(/\s+/g, '');
      const imported = fq.slice(fq.lastIndexOf('.') + 1);
      out.push({ local: imported, imported, from: fq });
    }
    return out;
  },
};
