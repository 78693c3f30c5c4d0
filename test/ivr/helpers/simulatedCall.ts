import { randomBytes } from 'node:crypto'

import type { Express } from 'express'
import request from 'supertest'
import twilio from 'twilio'

import { whatTheCallerHears, type WhatTheCallerHears } from '../../../ivr/simulator/callerHears'
import type { Config } from '../../../server/config'
import { twimlProblems } from './twimlAllowList'

// A caller on the line, driving the real app through supertest the way Twilio would: every request signed for
// PUBLIC_BASE_URL + path with the app's auth token, every answer posted to the action the last TwiML named. Each
// response is checked against the TwiML allow-list as it arrives, and every URL it hands to Twilio is kept so tests
// can prove no PIN or PAR ID is ever in one.

export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`
}

export function signedPost(app: Express, config: Config, path: string, params: Record<string, string>) {
  const signature = twilio.getExpectedTwilioSignature(config.twilio.authToken, config.publicBaseUrl + path, params)
  return request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params)
}

export class SimulatedCall {
  readonly callSid = newCallSid()
  readonly transcript: WhatTheCallerHears[] = []
  readonly urls: string[] = []
  last!: WhatTheCallerHears

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    private readonly from: string | null = '+19165550199',
  ) {}

  private baseParams(): Record<string, string> {
    return {
      CallSid: this.callSid,
      AccountSid: 'AC00000000000000000000000000000000',
      From: this.from ?? 'anonymous',
      To: '+18665550100',
      CallStatus: 'in-progress',
      Direction: 'inbound',
    }
  }

  private async post(path: string, extra: Record<string, string> = {}): Promise<WhatTheCallerHears> {
    const response = await signedPost(this.app, this.config, path, { ...this.baseParams(), ...extra })
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${response.text}`)
    expect(response.headers['content-type']).toMatch(/^text\/xml/)
    const problems = twimlProblems(response.text)
    if (problems.length) throw new Error(`TwiML problems after ${path}: ${problems.join('; ')}\n${response.text}`)
    this.last = whatTheCallerHears(response.text)
    this.urls.push(...this.last.urls)
    this.transcript.push(this.last)
    return this.last
  }

  dial(): Promise<WhatTheCallerHears> {
    return this.post('/ivr/voice')
  }

  private answerPath(): string {
    const action = this.last.gather?.url ?? this.last.dial?.url ?? this.last.redirect
    if (!action) throw new Error('nothing is waiting for the caller')
    return action
  }

  /** Keys on the keypad, posted as Twilio posts a Gather's Digits. */
  press(digits: string): Promise<WhatTheCallerHears> {
    if (!this.last.gather) throw new Error(`no Gather to press ${digits} into`)
    return this.post(this.answerPath(), { Digits: digits })
  }

  say(words: string): Promise<WhatTheCallerHears> {
    if (!this.last.gather?.input.includes('speech')) throw new Error(`the prompt does not listen for speech ("${words}")`)
    return this.post(this.answerPath(), { SpeechResult: words, Confidence: '0.9' })
  }

  /** The caller says nothing: Twilio follows the Redirect after the Gather. */
  silence(): Promise<WhatTheCallerHears> {
    if (!this.last.redirect) throw new Error('no Redirect to follow after silence')
    return this.post(this.last.redirect)
  }

  /** How a <Dial> ended, as Twilio posts it to the Dial's action. */
  dialEnded(dialCallStatus: string): Promise<WhatTheCallerHears> {
    if (!this.last.dial?.url) throw new Error('no Dial is ringing')
    return this.post(this.last.dial.url, { DialCallStatus: dialCallStatus })
  }

  async hangUp(durationSeconds = 95): Promise<void> {
    const response = await signedPost(this.app, this.config, '/ivr/status', {
      ...this.baseParams(),
      CallStatus: 'completed',
      CallDuration: String(durationSeconds),
    })
    expect(response.status).toBe(204)
  }

  /** Everything said in the last response, as one string. */
  get text(): string {
    return this.last.lines.map((l) => l.text).join(' ')
  }

  get everything(): string {
    return this.transcript.flatMap((h) => h.lines.map((l) => l.text)).join(' ')
  }
}
