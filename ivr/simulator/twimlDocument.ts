// A small, strict reader for the XML the phone line sends: elements, attributes, text and the five predefined
// entities plus numeric references. No DTDs, comments or processing instructions beyond the XML declaration,
// since TwiML needs none. Anything not well-formed throws, which is what the tests want to know.

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | { text: string }

export class MalformedXml extends Error {
  constructor(message: string, at: number) {
    super(`${message} at character ${at}`)
  }
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_.:-]*/
const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new MalformedXml('"<" inside text or attribute', at)
  return raw.replace(/&([^;]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new MalformedXml('unterminated entity', at)
    if (entity in predefined) return predefined[entity]!
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity)
    if (!numeric) throw new MalformedXml(`unknown entity &${entity};`, at)
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
    return String.fromCodePoint(code)
  })
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node
}

export function parseXml(xml: string): XmlElement {
  let position = 0
  const rest = () => xml.slice(position)
  const skipSpace = () => {
    while (position < xml.length && /\s/.test(xml[position]!)) position++
  }

  const declaration = /^<\?xml\s+version="1\.0"(\s+encoding="UTF-8")?\s*\?>/.exec(xml)
  if (declaration) position = declaration[0].length
  skipSpace()

  function readElement(): XmlElement {
    if (xml[position] !== '<') throw new MalformedXml('expected an element', position)
    position++
    const name = namePattern.exec(rest())?.[0]
    if (!name) throw new MalformedXml('expected an element name', position)
    position += name.length
    const attributes: Record<string, string> = {}
    for (;;) {
      const before = position
      skipSpace()
      if (rest().startsWith('/>')) {
        position += 2
        return { name, attributes, children: [] }
      }
      if (xml[position] === '>') {
        position++
        break
      }
      if (before === position) throw new MalformedXml('expected space before an attribute', position)
      const attribute = /^([A-Za-z_][A-Za-z0-9_.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest())
      if (!attribute) throw new MalformedXml(`bad attribute in <${name}>`, position)
      const key = attribute[1]!
      if (key in attributes) throw new MalformedXml(`attribute ${key} repeated in <${name}>`, position)
      attributes[key] = decode(attribute[3] ?? attribute[4] ?? '', position)
      position += attribute[0].length
    }
    const children: XmlNode[] = []
    for (;;) {
      if (position >= xml.length) throw new MalformedXml(`<${name}> is never closed`, position)
      if (rest().startsWith('</')) {
        const closing = new RegExp(`^</${name.replace(/[.]/g, '\\.')}\\s*>`).exec(rest())
        if (!closing) throw new MalformedXml(`</${name}> expected`, position)
        position += closing[0].length
        return { name, attributes, children }
      }
      if (xml[position] === '<') {
        children.push(readElement())
        continue
      }
      const end = xml.indexOf('<', position)
      const raw = xml.slice(position, end === -1 ? xml.length : end)
      children.push({ text: decode(raw, position) })
      position += raw.length
    }
  }

  const root = readElement()
  skipSpace()
  if (position !== xml.length) throw new MalformedXml('content after the root element', position)
  return root
}
