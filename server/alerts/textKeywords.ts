import type { Kysely } from 'kysely'

import type { Database } from '../db/schema'

// The words a parent may text back, as carriers and Twilio's own opt-out handling define them, in English and in
// Spanish. A message that is exactly one of them (any case, accents or a full stop aside) is a keyword. Since April
// 2025 the FCC also holds that "stop", "revoke", "opt out" or "unsubscribe" in a reply revokes consent (47 CFR
// 64.1200(a)(10), FCC 24-24), so a message that contains one of those words as a word ends texts too ("stop sending
// me these"); words that are common in questions ("end", "cancel", Spanish "para") count only alone. Anything else is
// not read at all: the agency does not take case questions by text, and the reply says where to go.

export type KeywordAction = 'stop' | 'start' | 'help'

interface KeywordMeaning {
  action: KeywordAction
  /** The language the word itself is in; null for words understood in both (STOP is printed in our Spanish texts). */
  language: 'en' | 'es' | null
}

const keywords: Record<string, KeywordMeaning> = {
  STOP: { action: 'stop', language: null },
  STOPALL: { action: 'stop', language: 'en' },
  UNSUBSCRIBE: { action: 'stop', language: 'en' },
  CANCEL: { action: 'stop', language: 'en' },
  END: { action: 'stop', language: 'en' },
  QUIT: { action: 'stop', language: 'en' },
  OPTOUT: { action: 'stop', language: 'en' },
  REVOKE: { action: 'stop', language: 'en' },
  PARA: { action: 'stop', language: 'es' },
  ALTO: { action: 'stop', language: 'es' },
  CANCELAR: { action: 'stop', language: 'es' },
  START: { action: 'start', language: 'en' },
  UNSTOP: { action: 'start', language: 'en' },
  YES: { action: 'start', language: 'en' },
  COMENZAR: { action: 'start', language: 'es' },
  INICIAR: { action: 'start', language: 'es' },
  HELP: { action: 'help', language: 'en' },
  INFO: { action: 'help', language: 'en' },
  AYUDA: { action: 'help', language: 'es' },
}

export interface TextKeyword extends KeywordMeaning {
  keyword: string
}

/** Words that revoke consent wherever they stand in a reply. */
const revokingWords = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'REVOKE', 'OPTOUT', 'OPT OUT']

export function keywordOf(body: string): TextKeyword | null {
  const plain = body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
  const word = plain
    .trim()
    .replace(/[.!¡?¿]+$/u, '')
    .replace(/^[¡¿]+/u, '')
  const meaning = keywords[word]
  if (meaning) return { keyword: word, ...meaning }
  const words = ` ${plain.replace(/[^A-Z0-9]+/g, ' ').trim()} `
  const revoking = revokingWords.find((revoke) => words.includes(` ${revoke} `))
  return revoking ? { keyword: revoking, action: 'stop', language: null } : null
}

export function textKeywordRepository(db: Kysely<Database>) {
  return {
    /**
     * Records a keyword and applies it, together: STOP puts the number on the opt-out list at once (the delivery
     * worker checks the list before every text), START takes it off. A message Twilio delivers twice (the same
     * message SID) is recorded and applied once.
     */
    async record(phone: string, keyword: TextKeyword, messageSid: string, at: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('text_keyword_events')
          .values({ phone, keyword: keyword.keyword, action: keyword.action, message_sid: messageSid, received_at: at.toISOString() })
          .onConflict((oc) => oc.column('message_sid').doNothing())
          .executeTakeFirst()
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return
        if (keyword.action === 'stop') {
          await trx
            .insertInto('text_opt_outs')
            .values({ phone, keyword: keyword.keyword, opted_out_at: at.toISOString() })
            .onConflict((oc) => oc.column('phone').doUpdateSet({ keyword: keyword.keyword, opted_out_at: at.toISOString() }))
            .execute()
        } else if (keyword.action === 'start') {
          await trx.deleteFrom('text_opt_outs').where('phone', '=', phone).execute()
        }
      })
    },

    /** The language of the parent whose mobile number this is, when one is known. */
    async languageOf(phone: string): Promise<'en' | 'es' | null> {
      const parent = await db.selectFrom('participants').select('language').where('phone_mobile', '=', phone).limit(1).executeTakeFirst()
      return parent?.language ?? null
    },

    /** Twilio's report on a text we sent, by its message SID; a status for a message we never sent changes nothing. */
    async recordDeliveryStatus(messageSid: string, status: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('alert_outbox')
        .set({ delivery_status: status, delivery_updated_at: at.toISOString() })
        .where('provider_id', '=', messageSid)
        .where('channel', '=', 'text')
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },
  }
}

export type TextKeywordRepository = ReturnType<typeof textKeywordRepository>
