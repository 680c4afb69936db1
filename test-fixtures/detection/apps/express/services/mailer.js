import nodemailer from 'nodemailer'

import { logger } from '../lib/logger.js'

const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST ?? 'localhost', port: 25 })

export async function notify(to, subject) {
  try {
    await transport.sendMail({ from: 'shop@example.com', to, subject, text: subject })
  } catch (err) {
    logger.warn('mail not sent', { to, err })
  }
}

export async function notifyAll(recipients, subject) {
  for (const to of recipients) {
    try {
      await transport.sendMail({ from: 'shop@example.com', to, subject, text: subject })
    } catch (err) {} // Planted: the error is dropped.
  }
}

export async function verify() {
  try {
    await transport.verify()
    return true
  } catch (err) {
    logger.error('smtp unreachable', { err })
    return false
  }
}
