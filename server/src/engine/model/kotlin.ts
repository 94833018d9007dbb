// Kotlin (and Gradle Kotlin scripts) for the shared extractor, on @tree-sitter-grammars/tree-sitter-kotlin.
import type { Node } from 'web-tree-sitter';
import type { CallParts, FunctionParts, Grammar, Step } from './grammar';
import { decodeEscapes } from './strings';
import { childrenOfType, parentOf } from './nodes';

const methodWrappers = new Set(['toByteArray', 'encodeToByteArray', 'toCharArray', 'trim', 'toString', 'encodeUtf8', 'decodeBase64', 'decodeHex', 'toUri', 'toHttpUrl', 'toHttpUrlOrNull', 'trimIndent', 'trimMargin']);

function nameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier' || n.type === 'simple_identifier' || n.type === 'type_identifier') return n.text;
  if (n.type === 'variable_declaration') return nameOf(n.namedChildren.find(c => c?.type === 'identifier'));
  if (n.type === 'navigation_expression') return nameOf(n.namedChildren[n.namedChildCount - 1]);
  return undefined;
}

function ownerOf(n: Node): { owner?: string; topLevel: boolean } {
  for (let p = parentOf(n); p; p = parentOf(p)) {
    if (p.type === 'function_body' || p.type === 'block' || p.type === 'lambda_literal' || p.type === 'function_declaration') return { topLevel: false };
    if (p.type === 'companion_object') {
      const cls = parentOf(parentOf(p)); // class_body -> class_declaration
      return { owner: cls?.childForFieldName('name')?.text, topLevel: true };
    }
    if (p.type === 'object_declaration' || p.type === 'class_declaration') return { owner: p.childForFieldName('name')?.text, topLevel: true };
    if (p.type === 'source_file') return { topLevel: true };
  }
  return { topLevel: true };
}

export const kotlinGrammar: Grammar = {
  language: 'kotlin',
  stringTypes: ['string_literal', 'multiline_string_literal'],
  commentTypes: ['line_comment', 'block_comment'],
  // This grammar parses true/false/null as identifiers.
  scalarQuery: '((identifier) @scalar (#any-of? @scalar "true" "false" "null")) (number_literal) @scalar',
  callTypes: ['call_expression'],
  referenceTypes: ['identifier', 'navigation_expression'],
  declarationTypes: ['property_declaration'],
  conditionalTypes: ['if_expression'],

  decodeString(node, text) {
    const raw = text.slice(node.startIndex, node.endIndex);
    const multiline = node.type === 'multiline_string_literal';
    const q = multiline ? 3 : 1;
    const body = raw.length >= 2 * q ? raw.slice(q, raw.length - q) : raw.slice(q);
    const interpolated = node.namedChildren.some(c => c?.type === 'interpolation') || /\$[A-Za-z_{]/.test(body);
    // `$name` and `${…}` become `${…}`; raw strings keep backslashes as written.
    const withHoles = body.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '${…}');
    return { value: multiline ? withHoles : decodeEscapes(withHoles, 'kotlin'), interpolated, contentStart: node.startIndex + q, contentEnd: node.startIndex + q + body.length };
  },

  callParts(call): CallParts | undefined {
    const fn = call.namedChildren[0];
    const argsNode = call.namedChildren.find(c => c?.type === 'value_arguments');
    const lambda = call.namedChildren.find(c => c?.type === 'annotated_lambda' || c?.type === 'lambda_literal');
    if (!fn || (!argsNode && !lambda)) return undefined;
    let callee: Node | null = fn, receiver: Node | undefined;
    if (fn.type === 'navigation_expression') {
      callee = fn.namedChildren[fn.namedChildCount - 1];
      receiver = fn.namedChildren[0] ?? undefined;
    }
    if (!callee) return undefined;
    const args = (argsNode?.namedChildren ?? []).filter((a): a is Node => a?.type === 'value_argument').map(a => {
      const named = a.namedChildren.length >= 2 && a.namedChildren[0]?.type === 'identifier' && a.children.some(c => c?.type === '=');
      return { node: (named ? a.namedChildren[1] : a.namedChildren[0]) ?? a, name: named ? a.namedChildren[0]!.text : undefined };
    });
    return { callee, receiver, isConstructor: /^[A-Z]/.test(callee.text), args };
  },

  step(node, parent): Step {
    switch (parent.type) {
      case 'parenthesized_expression': case 'as_expression': case 'annotated_expression': case 'unary_expression':
      case 'postfix_expression': case 'spread_expression':
        return { kind: 'transparent' };
      case 'binary_expression':
        return parent.childForFieldName('operator')?.type === '+' ? { kind: 'concat' } : { kind: 'stop' };
      case 'elvis_expression':
        return { kind: 'transparent' };
      case 'navigation_expression': {
        // `"k".toByteArray()`: the value is the receiver of a conversion call.
        if (parent.namedChildren[0]?.id !== node.id) return { kind: 'stop' };
        const member = nameOf(parent.namedChildren[parent.namedChildCount - 1]);
        const call = parentOf(parent);
        if (member && methodWrappers.has(member) && call?.type === 'call_expression') return { kind: 'wrapperReceiver', name: member, call };
        if (member && methodWrappers.has(member)) return { kind: 'wrapperReceiver', name: member, call: parent }; // property form: `.text`
        return { kind: 'stop' };
      }
      case 'value_argument': {
        const args = parentOf(parent);
        const call = parentOf(args);
        if (!args || !call || call.type !== 'call_expression') {
          // annotation arguments: `@Header("Authorization")`
          return { kind: 'stop' };
        }
        const named = parent.namedChildren.length >= 2 && parent.children.some(c => c?.type === '=');
        const list = args.namedChildren.filter(c => c?.type === 'value_argument');
        return { kind: 'argument', call, index: list.findIndex(c => c?.id === parent.id), name: named ? parent.namedChildren[0]!.text : undefined };
      }
      case 'infix_expression': {
        // `"Authorization" to "Bearer …"` in mapOf/headersOf: the right side is bound to the left side's text.
        const kids = parent.namedChildren;
        if (kids.length === 3 && kids[1]?.text === 'to' && kids[2]?.id === node.id) {
          const key = kids[0]!;
          const keyName = key.type === 'string_literal' ? key.text.slice(1, -1) : key.text;
          return { kind: 'key', name: keyName, container: parent };
        }
        return { kind: 'stop' };
      }
      case 'property_declaration': {
        const name = nameOf(parent.namedChildren.find(c => c?.type === 'variable_declaration'));
        if (!name) return { kind: 'stop' };
        const isConst = parent.namedChildren.some(c => c?.type === 'modifiers' && /\bconst\b/.test(c.text));
        const { topLevel } = ownerOf(parent);
        return { kind: 'binding', name, nameKind: isConst ? 'constant' : topLevel ? 'property' : 'variable' };
      }
      case 'assignment': {
        const left = parent.childForFieldName('left');
        if (left?.id === node.id) return { kind: 'stop' };
        const name = nameOf(left);
        return name ? { kind: 'binding', name, nameKind: 'assign' } : { kind: 'stop' };
      }
      case 'class_parameter': case 'parameter_with_optional_type': case 'parameter': {
        const name = nameOf(parent.namedChildren.find(c => c?.type === 'identifier'));
        return name ? { kind: 'binding', name, nameKind: 'property' } : { kind: 'stop' };
      }
      case 'function_value_parameters': {
        // A default value `fun f(grantType: String = "password")` follows its `parameter` as a sibling.
        let prev = node.previousSibling;
        if (prev?.type !== '=') return { kind: 'stop' };
        prev = prev.previousSibling;
        const name = prev?.type === 'parameter' ? nameOf(prev.namedChildren.find(c => c?.type === 'identifier')) : undefined;
        return name ? { kind: 'binding', name, nameKind: 'variable' } : { kind: 'stop' };
      }
      default:
        return { kind: 'stop' };
    }
  },

  referenceName(node) {
    if (node.type === 'identifier') {
      const p = parentOf(node);
      // the member part of `A.B` is handled by the navigation expression itself
      if (p?.type === 'navigation_expression' && p.namedChildren[0]?.id !== node.id) return undefined;
      return { name: node.text };
    }
    if (parentOf(node)?.type === 'call_expression' && parentOf(node)!.namedChildren[0]?.id === node.id) return undefined; // a callee
    const kids = node.namedChildren;
    if (kids.length === 2 && kids[1]?.type === 'identifier' && (kids[0]?.type === 'identifier' || kids[0]?.type === 'navigation_expression')) {
      return { name: kids[1].text, qualifier: kids[0].text.replace(/\s+/g, '').replace(/^.*\./, '') };
    }
    return undefined;
  },

  declarationOf(node) {
    const name = nameOf(node.namedChildren.find(c => c?.type === 'variable_declaration'));
    const value = node.namedChildren[node.namedChildCount - 1];
    if (!name || !value || !node.children.some(c => c?.type === '=')) return undefined;
    const { owner, topLevel } = ownerOf(node);
    const isPrivate = node.namedChildren.some(c => c?.type === 'modifiers' && /\bprivate\b/.test(c.text));
    return { name, value, owner, topLevel, exported: topLevel && !isPrivate };
  },

  functionTypes: ['function_declaration', 'anonymous_function', 'lambda_literal'],
  typeDeclTypes: ['class_declaration', 'object_declaration', 'object_literal', 'companion_object'],

  functionOf(node): FunctionParts | undefined {
    const notComment = (c: Node | null): c is Node => !!c && c.type !== 'line_comment' && c.type !== 'block_comment';
    if (node.type === 'lambda_literal') {
      const paramsNode = node.namedChildren.find(c => c?.type === 'lambda_parameters');
      const params = (paramsNode?.namedChildren ?? []).filter(notComment).map(p => nameOf(p) ?? p.text);
      const holder = parentOf(node)?.type === 'annotated_lambda' ? parentOf(parentOf(node)) : undefined;
      // `f(x) { … }` parses as a call of the call `f(x)`: the lambda belongs to `f`.
      const trailingCall = holder?.type === 'call_expression'
        ? (holder.namedChildren[0]?.type === 'call_expression' ? holder.namedChildren[0]! : holder) : undefined;
      return { params, body: node, statements: node.namedChildren.filter(notComment).filter(c => c.type !== 'lambda_parameters'),
        isLambda: true, isOverride: false, trailingCall };
    }
    const paramsNode = node.namedChildren.find(c => c?.type === 'function_value_parameters');
    const params = (paramsNode?.namedChildren ?? []).filter(c => c?.type === 'parameter').map(p => nameOf(p!.namedChildren.find(c => c?.type === 'identifier')) ?? '');
    const body = node.namedChildren.find(c => c?.type === 'function_body') ?? undefined;
    const block = body?.namedChildren.find(c => c?.type === 'block');
    const statements = block ? block.namedChildren.filter(notComment) : (body?.namedChildren.filter(notComment) ?? []);
    const isOverride = node.namedChildren.some(c => c?.type === 'modifiers' && /\boverride\b/.test(c.text));
    return { name: node.childForFieldName('name') ?? undefined, params, body, statements, isLambda: node.type === 'anonymous_function', isOverride };
  },

  statementKind(node) {
    // This grammar parses `true` and `Unit` as identifiers.
    if (node.type === 'identifier') return node.text === 'true' ? 'true' : node.text === 'Unit' ? 'empty' : 'other';
    if (node.type === 'return_expression') {
      const value = node.namedChildren.find(c => c?.type !== 'label');
      if (!value) return 'empty';
      return value.type === 'identifier' && value.text === 'true' ? 'true' : 'other';
    }
    return 'other';
  },

  typeDeclOf(node) {
    const specs = node.namedChildren.find(c => c?.type === 'delegation_specifiers');
    const supertypes: string[] = [];
    for (const spec of specs?.namedChildren ?? []) {
      const t = spec?.namedChildren.find(c => c?.type === 'user_type' || c?.type === 'constructor_invocation');
      const user = t?.type === 'constructor_invocation' ? t.namedChildren.find(c => c?.type === 'user_type') : t;
      const ids = user?.namedChildren.filter(c => c?.type === 'identifier') ?? [];
      const last = ids[ids.length - 1];
      if (last) supertypes.push(last.text);
    }
    const name = node.type === 'companion_object' ? node.childForFieldName('name')?.text ?? 'Companion' : node.childForFieldName('name')?.text;
    return { name, supertypes };
  },

  containerTypes: ['source_file', 'class_body', 'enum_class_body'],
  holderTypes: ['class_declaration', 'object_declaration', 'companion_object'],

  fileLevelTypes: ['package_header', 'import', 'import_header'],
  packageName(root) {
    const [header] = childrenOfType(root, ['package_header']);
    return header?.namedChildren[0]?.text.replace(/\s+/g, '');
  },

  imports(root) {
    const out: { local: string; imported: string; from: string }[] = [];
    for (const imp of childrenOfType(root, ['import', 'import_header'])) {
      const q = imp.namedChildren.find(c => c?.type === 'qualified_identifier' || c?.type === 'identifier');
      if (!q) continue;
      const fq = q.text.replace(/\s+/g, '');
      const alias = imp.namedChildren.find((c, i) => i > 0 && c?.type === 'identifier')?.text;
      const imported = fq.slice(fq.lastIndexOf('.') + 1);
      out.push({ local: alias ?? imported, imported, from: fq });
    }
    return out;
  },
};
