import nodemailer from 'nodemailer';
import type { StaffMailer } from './staff-notices.js';

/** A mailer over SMTP_URL with nodemailer, or null when SMTP is not configured. */
export function smtpMailer(smtpUrl: string | undefined, from: string): StaffMailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
