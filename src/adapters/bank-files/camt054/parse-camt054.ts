/**
 * camt.054 parser: decoded XML text of a BankToCustomerDebitCreditNotification → BankFile.
 * Owns: refusing non-XML, DOCTYPE and non-camt.054 input, the namespace/version check, GrpHdr
 * and account reading. Never throws. Must not: decode bytes (../decode.ts) or match payments.
 */
import { XMLValidator } from 'fast-xml-parser';
import {
  createBankReferenceAllocator,
  type BankFileParseResult,
  type BankSection,
  type ParseIssue,
} from '../../../domain/payments/bank-file.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { readEntry, type CamtAccount, type EntryContext } from './camt054-entry.ts';
import {
  attribute,
  child,
  childElements,
  createCamtXmlParser,
  createLineLocator,
  isElement,
  textAt,
  type XmlElement,
} from './xml-tree.ts';

const CAMT_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.(\d{2})$/;
/** 001.02 is what Swedish banks send most; later versions read the same paths (see entry). */
const FIRST_SUPPORTED_VERSION = 2;

const fail = (code: string, message: string, field: string, line?: number): BankFileParseResult =>
  err([{ ...(line === undefined ? {} : { line }), field, code, message }]);

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * The namespace bound to the root element's prefix (or the default namespace). Read from the
 * text because the tree has prefixes stripped; the attribute itself comes from the tree.
 */
function rootNamespace(text: string, root: XmlElement): string | undefined {
  const prefix = /<(?:([A-Za-z_][\w.-]*):)?Document[\s/>]/.exec(text)?.[1];
  return attribute(root, prefix === undefined ? 'xmlns' : `xmlns:${prefix}`);
}

function readAccount(notification: XmlElement): CamtAccount | undefined {
  const id = child(notification, 'Acct', 'Id');
  const iban = textAt(id, 'IBAN');
  if (iban !== undefined) return { id: iban, kind: 'iban' };
  const other = textAt(id, 'Othr', 'Id');
  if (other === undefined) return undefined;
  // Swedish banks name a bankgiro number's scheme BGNR (UNVERIFIED for Bankgirot's own files).
  const scheme = textAt(id, 'Othr', 'SchmeNm', 'Prtry') ?? textAt(id, 'Othr', 'SchmeNm', 'Cd');
  return { id: other, kind: scheme === 'BGNR' ? 'bankgiro' : 'other' };
}

/** Turns whatever the XML library says into one issue; it may throw on hostile input. */
function parseTree(text: string, leadingLines: number): Result<XmlElement, ParseIssue> {
  try {
    const validation = XMLValidator.validate(text);
    if (validation !== true) {
      const { line, msg } = validation.err;
      return err({ line: line + leadingLines, field: 'xml', code: 'invalid_xml', message: msg });
    }
    const tree: unknown = createCamtXmlParser().parse(text);
    if (isElement(tree)) return ok(tree);
    return err({ field: 'xml', code: 'invalid_xml', message: 'no XML document' });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable XML';
    return err({ field: 'xml', code: 'invalid_xml', message });
  }
}

export function parseCamt054(input: string): BankFileParseResult {
  const withoutBom = input.replace(/^\uFEFF/, '');
  const text = withoutBom.trimStart();
  // Leading blank lines are tolerated (the XML declaration must otherwise come first); issue
  // line numbers still count them.
  const leadingLines = lineAt(withoutBom, withoutBom.length - text.length) - 1;
  if (text.trim() === '') return fail('empty_file', 'the file is empty', 'xml', 1);
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype !== null) {
    const line = lineAt(text, doctype.index) + leadingLines;
    return fail(
      'doctype_not_allowed',
      'camt.054 has no DOCTYPE; refused (entity expansion)',
      'xml',
      line,
    );
  }
  const parsed = parseTree(text, leadingLines);
  if (!parsed.ok) return err([parsed.error]);
  const tree = parsed.value;
  const lineOf = createLineLocator(text, leadingLines);
  const root = child(tree, 'Document');
  if (root === undefined)
    return fail('not_camt054', 'the root element is not Document', 'Document', 1);
  const match = CAMT_NAMESPACE.exec(rootNamespace(text, root) ?? '');
  const line = lineOf(root);
  if (match === null || match[1] !== 'camt.054') {
    const found =
      match === null ? 'no ISO 20022 camt namespace' : `${match[1]} (not a camt.054 notification)`;
    return fail('not_camt054', `Document has ${found}`, 'Document/@xmlns', line);
  }
  const version = `001.${match[2]}`;
  if (Number(match[2]) < FIRST_SUPPORTED_VERSION) {
    return fail(
      'unsupported_version',
      `camt.054.${version} is not supported`,
      'Document/@xmlns',
      line,
    );
  }
  const body = child(root, 'BkToCstmrDbtCdtNtfctn');
  if (body === undefined) {
    return fail(
      'not_camt054',
      'no BkToCstmrDbtCdtNtfctn element',
      'Document/BkToCstmrDbtCdtNtfctn',
      line,
    );
  }
  return readNotifications(body, version, lineOf);
}

type LineOf = (node: unknown) => number | undefined;

function issueAt(
  line: number | undefined,
  field: string,
  code: string,
  message: string,
): ParseIssue {
  return { ...(line === undefined ? {} : { line }), field, code, message };
}

/** GrpHdr/MsgId and CreDtTm are mandatory in every camt.054 version. */
function readHeader(body: XmlElement, lineOf: LineOf, issues: ParseIssue[]) {
  const header = child(body, 'GrpHdr');
  const messageId = textAt(header, 'MsgId');
  const createdAt = textAt(header, 'CreDtTm');
  const line = lineOf(header) ?? lineOf(body);
  if (messageId === undefined) {
    issues.push(issueAt(line, 'GrpHdr/MsgId', 'missing_message_id', 'GrpHdr/MsgId is required'));
  }
  if (createdAt === undefined) {
    const message = 'GrpHdr/CreDtTm is required';
    issues.push(issueAt(line, 'GrpHdr/CreDtTm', 'missing_creation_time', message));
  }
  return { messageId: messageId ?? '', createdAt: createdAt ?? '', line };
}

function readNotifications(body: XmlElement, version: string, lineOf: LineOf): BankFileParseResult {
  const issues: ParseIssue[] = [];
  const notices: ParseIssue[] = [];
  const header = readHeader(body, lineOf, issues);
  const notifications = childElements(body, 'Ntfctn');
  if (notifications.length === 0) {
    issues.push(issueAt(header.line, 'Ntfctn', 'missing_notification', 'no Ntfctn element'));
  }
  const allocate = createBankReferenceAllocator();
  const ctx: EntryContext = { issues, notices, allocate, lineOf, messageId: header.messageId };
  const sections: BankSection[] = [];
  notifications.forEach((notification, n) => {
    const path = `Ntfctn[${n + 1}]`;
    const account = readAccount(notification);
    if (account === undefined) {
      const message = 'no IBAN or Othr/Id for the account';
      issues.push(issueAt(lineOf(notification), `${path}/Acct/Id`, 'missing_account', message));
      return;
    }
    childElements(notification, 'Ntry').forEach((entry, e) => {
      const section = readEntry(ctx, account, entry, `${path}/Ntry[${e + 1}]`);
      if (section !== undefined) sections.push(section);
    });
  });
  if (issues.length > 0) return err(issues);
  return ok({
    format: 'camt054',
    formatVersion: version,
    fileReference: header.messageId,
    createdAt: header.createdAt,
    test: false,
    sections,
    notices,
  });
}
