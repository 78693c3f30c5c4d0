import { whatTheCallerHears } from '../../ivr/simulator/callerHears'
import { parseXml } from '../../ivr/simulator/twimlDocument'
import { twimlProblems } from './helpers/twimlAllowList'

// The checker the phone tests rely on must itself catch what it claims to catch.

const wrap = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`

describe('the TwiML allow-list', () => {
  it('accepts what the phone line writes', () => {
    const xml = wrap(
      '<Gather action="/ivr/step/mainMenu" method="POST" input="dtmf speech" language="es-US" numDigits="1" timeout="6" speechTimeout="auto" hints="saldo, pagos">' +
        '<Say voice="Polly.Lupe" language="es-US">Para su saldo, oprima 1.</Say></Gather>' +
        '<Redirect method="POST">/ivr/step/mainMenu</Redirect><Dial action="/ivr/step/afterDial" timeout="30"><Number>+19165550150</Number></Dial><Pause length="1"/><Hangup/>',
    )
    expect(twimlProblems(xml)).toEqual([])
  })

  it.each([
    ['an unknown verb', wrap('<Play>https://example.com/a.mp3</Play>')],
    ['an undocumented attribute', wrap('<Say voice="Polly.Joanna" speed="fast">Hi</Say>')],
    ['a misspelt attribute', wrap('<Gather numdigits="1" action="/ivr/step/x"><Say>Hi</Say></Gather>')],
    ['a bad value', wrap('<Gather input="keypad" action="/ivr/step/x"><Say>Hi</Say></Gather>')],
    ['a verb in the wrong place', wrap('<Gather action="/ivr/step/x"><Dial>+19165550150</Dial></Gather>')],
    ['an empty Say', wrap('<Say voice="Polly.Joanna"></Say>')],
    ['a root other than Response', '<Say>Hi</Say>'],
    ['unclosed elements', '<Response><Say>Hi</Response>'],
    ['a bare ampersand', wrap('<Say>Tom & Jerry</Say>')],
    ['a repeated attribute', wrap('<Say voice="a" voice="b">Hi</Say>')],
    ['two roots', `${wrap('')}<Response/>`],
  ])('reports %s', (_name, xml) => {
    expect(twimlProblems(xml).length).toBeGreaterThan(0)
  })

  it('reads entities, and what the caller hears', () => {
    expect(parseXml('<a b="x &amp; y">1 &lt; 2 &#233;</a>')).toEqual({ name: 'a', attributes: { b: 'x & y' }, children: [{ text: '1 < 2 é' }] })
    const heard = whatTheCallerHears(wrap('<Say voice="Polly.Joanna" language="en-US">Goodbye.</Say><Hangup/>'))
    expect(heard).toMatchObject({ lines: [{ text: 'Goodbye.', voice: 'Polly.Joanna', language: 'en-US' }], hangup: true, gather: null })
  })
})
