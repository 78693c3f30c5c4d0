import { isElement, parseXml, type XmlElement } from '../../../ivr/simulator/twimlDocument'

// The verbs and attributes the phone line may use, as Twilio documents them (TwiML for Programmable Voice:
// <Say>, <Gather>, <Dial>, <Number>, <Hangup>, <Redirect>, <Pause>). A response that parses but uses anything else
// — a misspelt attribute Twilio would ignore, a verb in the wrong place — is reported, so mistakes surface in tests
// instead of on a live call.

interface VerbRule {
  attributes: Record<string, (value: string) => boolean>
  children: readonly string[]
  text: 'none' | 'required' | 'optional'
}

const positiveInteger = (value: string) => /^[1-9]\d*$/.test(value)
const method = (value: string) => value === 'GET' || value === 'POST'
const path = (value: string) => /^(\/|https?:\/\/)\S*$/.test(value)
const anything = () => true
const yesNo = (value: string) => value === 'true' || value === 'false'

const rules: Record<string, VerbRule> = {
  Response: { attributes: {}, children: ['Say', 'Gather', 'Dial', 'Hangup', 'Redirect', 'Pause'], text: 'none' },
  Say: {
    attributes: { voice: (v) => /^(man|woman|alice|Polly\.[A-Za-z-]+|Google\.[A-Za-z0-9-]+)$/.test(v), language: (v) => /^[a-z]{2,3}-[A-Z]{2}$/.test(v), loop: (v) => /^\d+$/.test(v) },
    children: [],
    text: 'required',
  },
  Gather: {
    attributes: {
      action: path,
      method,
      input: (v) => ['dtmf', 'speech', 'dtmf speech', 'speech dtmf'].includes(v),
      language: (v) => /^[a-z]{2,3}-[A-Z]{2}$/.test(v),
      hints: anything,
      numDigits: positiveInteger,
      timeout: positiveInteger,
      speechTimeout: (v) => v === 'auto' || positiveInteger(v),
      finishOnKey: (v) => /^[0-9#*]?$/.test(v),
      actionOnEmptyResult: yesNo,
      profanityFilter: yesNo,
      speechModel: anything,
      enhanced: yesNo,
      bargeIn: yesNo,
      maxSpeechTime: positiveInteger,
      partialResultCallback: path,
      partialResultCallbackMethod: method,
    },
    children: ['Say', 'Pause'],
    text: 'none',
  },
  Dial: {
    attributes: {
      action: path,
      method,
      timeout: positiveInteger,
      callerId: (v) => /^\+\d{8,15}$/.test(v),
      hangupOnStar: yesNo,
      timeLimit: positiveInteger,
      answerOnBridge: yesNo,
      ringTone: anything,
    },
    children: ['Number'],
    text: 'optional',
  },
  Number: {
    attributes: { sendDigits: (v) => /^[0-9w#*]+$/.test(v), url: path, method, statusCallback: path, statusCallbackMethod: method, statusCallbackEvent: anything },
    children: [],
    text: 'required',
  },
  Hangup: { attributes: {}, children: [], text: 'none' },
  Redirect: { attributes: { method }, children: [], text: 'required' },
  Pause: { attributes: { length: positiveInteger }, children: [], text: 'none' },
}

function problemsIn(element: XmlElement, parent: string | null): string[] {
  const rule = rules[element.name]
  if (!rule) return [`<${element.name}> is not an allowed verb`]
  const problems: string[] = []
  if (parent && !rules[parent]!.children.includes(element.name)) problems.push(`<${element.name}> may not be inside <${parent}>`)
  if (!parent && element.name !== 'Response') problems.push(`the root must be <Response>, not <${element.name}>`)
  for (const [name, value] of Object.entries(element.attributes)) {
    const check = rule.attributes[name]
    if (!check) problems.push(`<${element.name}> has undocumented attribute ${name}`)
    else if (!check(value)) problems.push(`<${element.name} ${name}="${value}"> has a value Twilio does not accept`)
  }
  const text = element.children.filter((c) => !isElement(c)).map((c) => (c as { text: string }).text).join('').trim()
  if (rule.text === 'none' && text) problems.push(`<${element.name}> may not contain text`)
  if (rule.text === 'required' && !text) problems.push(`<${element.name}> needs text`)
  for (const child of element.children.filter(isElement)) problems.push(...problemsIn(child, element.name))
  return problems
}

/** Problems with a TwiML document: empty when it is well-formed and uses only the allowed verbs and attributes. */
export function twimlProblems(xml: string): string[] {
  let root: XmlElement
  try {
    root = parseXml(xml)
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`]
  }
  return problemsIn(root, null)
}
