import { checkCallbackDetails, checkUsPhone, maxCallbackDetailsLength, validateCallbackRequest, type CallbackRequestInput } from '../../server/callbacks/callbackRequest'

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
        details: null,
      },
    })
  })

  describe('"Tell us more" (issue 12, item 8)', () => {
    it('is optional: nothing, or only spaces and line breaks, is stored as nothing', () => {
      for (const empty of [undefined, null, '', '   ', '\r\n\t ']) expect(checkCallbackDetails(empty)).toEqual({ ok: true, details: null })
    })

    it('is trimmed, with line ends made alike and control characters dropped', () => {
      expect(checkCallbackDetails('  first\r\nsecond\rthird\u0000\u001b\u007f  ')).toEqual({ ok: true, details: 'first\nsecond\nthird' })
    })

    it('takes exactly the limit in characters as a person counts them, and refuses one more with the count', () => {
      expect(maxCallbackDetailsLength).toBe(500)
      // An emoji is two UTF-16 code units but one character to the parent who typed it.
      expect(checkCallbackDetails('😀'.repeat(500))).toEqual({ ok: true, details: '😀'.repeat(500) })
      expect(checkCallbackDetails(`${'é'.repeat(500)}x`)).toEqual({ ok: false, messageKey: 'callbacks:errors.detailsTooLong', params: { max: 500, count: 501 } })
    })

    it('travels with a valid request, and a request with too much is refused on that field alone', () => {
      const check = validateCallbackRequest({ ...base, details: ' Why was my payment less this month? ' })
      expect(check.ok && check.request.details).toBe('Why was my payment less this month?')
      expect(issuesOf({ ...base, details: 'x'.repeat(501) })).toEqual([{ field: 'details', messageKey: 'callbacks:errors.detailsTooLong' }])
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
