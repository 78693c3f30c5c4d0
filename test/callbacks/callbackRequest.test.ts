import { checkUsPhone, validateCallbackRequest, type CallbackRequestInput } from '../../server/callbacks/callbackRequest'

const base: CallbackRequestInput = {
  principal: { kind: 'parent', participantId: 7 },
  caseId: 11,
  phone: '(916) 555-0150',
  language: 'es',
  topic: 'payments',
  preferredWindow: 'morning',
  channel: 'web',
}

const issuesOf = (input: CallbackRequestInput) => {
  const check = validateCallbackRequest(input)
  return check.ok ? [] : check.issues
}

describe('callback request checks', () => {
  it('accept a parent\'s request and store the phone in E.164', () => {
    expect(validateCallbackRequest(base)).toEqual({
      ok: true,
      request: {
        caseId: 11,
        participantId: 7,
        phone: '+19165550150',
        language: 'es',
        topic: 'payments',
        preferredWindow: 'morning',
        channel: 'web',
        callSid: null,
        phoneContext: null,
      },
    })
  })

  it.each([
    ['', 'callbacks:errors.phoneRequired'],
    ['12345', 'callbacks:errors.phoneInvalid'],
    ['(123) 456-7890', 'callbacks:errors.phoneInvalid'],
    ['+44 20 7946 0958', 'callbacks:errors.phoneNotUs'],
    ['+1 604 555 0100', 'callbacks:errors.phoneNotUs'], // Canada shares +1
    ['1-900-555-0100', 'callbacks:errors.phoneNotCallable'],
  ])('refuse the phone number %j with %s', (phone, messageKey) => {
    expect(issuesOf({ ...base, phone })).toEqual([{ field: 'phone', messageKey }])
  })

  it('accept US numbers however they are written, and Puerto Rico', () => {
    for (const phone of ['916-555-0150', '+1 916 555 0150', '19165550150', '(916)5550150'])
      expect(checkUsPhone(phone)).toEqual({ ok: true, e164: '+19165550150' })
    expect(checkUsPhone('787 555 0100')).toEqual({ ok: true, e164: '+17875550100' })
  })

  it('refuse unknown topics, windows, languages and channels, each with its key', () => {
    expect(issuesOf({ ...base, topic: 'custody', preferredWindow: 'midnight', language: 'fr', channel: 'fax' })).toEqual([
      { field: 'language', messageKey: 'callbacks:errors.languageUnknown' },
      { field: 'topic', messageKey: 'callbacks:errors.topicUnknown' },
      { field: 'preferredWindow', messageKey: 'callbacks:errors.windowUnknown' },
      { field: 'channel', messageKey: 'callbacks:errors.channelUnknown' },
    ])
  })

  it('check the CallSid and the phone line\'s context', () => {
    const callSid = 'CA' + 'a1'.repeat(16)
    const phoneContext = { path: ['main', 'balance'], heardBalanceCents: 120_000 }
    const check = validateCallbackRequest({ ...base, channel: 'phone', callSid, phoneContext })
    expect(check).toMatchObject({ ok: true, request: { callSid, phoneContext: JSON.stringify(phoneContext) } })
    expect(issuesOf({ ...base, callSid: 'not-a-sid' })).toEqual([{ field: 'callSid', messageKey: 'callbacks:errors.callSidInvalid' }])
    expect(issuesOf({ ...base, phoneContext: { blob: 'x'.repeat(5000) } })).toEqual([
      { field: 'phoneContext', messageKey: 'callbacks:errors.contextInvalid' },
    ])
  })

  it('take the parent from who is asking, never from an id alone', () => {
    expect(issuesOf({ ...base, participantId: 8 })).toEqual([{ field: 'participantId', messageKey: 'callbacks:errors.notYourCase' }])
    const { principal: _none, ...anonymous } = base
    expect(issuesOf(anonymous)).toEqual([{ field: 'principal', messageKey: 'callbacks:errors.signInRequired' }])
    expect(issuesOf({ ...anonymous, caseId: null, channel: 'phone' })).toEqual([])
    expect(issuesOf({ ...base, principal: { kind: 'staff', staffId: 1 } })).toEqual([
      { field: 'participantId', messageKey: 'callbacks:errors.participantRequired' },
    ])
    expect(issuesOf({ ...base, principal: { kind: 'staff', staffId: 1 }, participantId: 7 })).toEqual([])
    expect(issuesOf({ ...base, caseId: -3 })).toEqual([{ field: 'caseId', messageKey: 'callbacks:errors.notYourCase' }])
  })
})
