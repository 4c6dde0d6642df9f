// Lucia 3 keeps sessions through an adapter; the official Prisma adapter only
// accepts Prisma 4-5, so this is the small one for our Prisma 7 client.
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "./db.server";

const userSelect = { id: true, email: true, name: true, role: true } as const;

export class PrismaSessionAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db.session.findUnique({
      where: { id: sessionId },
      select: { id: true, userId: true, expiresAt: true, userAgent: true, ip: true, createdAt: true, user: { select: userSelect } },
    });
    if (!row) return [null, null];
    const { user, ...session } = row;
    return [toSession(session), { id: user.id, attributes: { email: user.email, name: user.name, role: user.role } }];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.session.findMany({
      where: { userId },
      select: { id: true, userId: true, expiresAt: true, userAgent: true, ip: true, createdAt: true },
    });
    return rows.map(toSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db.session.create({
      data: {
        id: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt,
        userAgent: session.attributes.userAgent ?? null,
        ip: session.attributes.ip ?? null,
      },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.session.deleteMany({ where: { userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}

function toSession(row: { id: string; userId: string; expiresAt: Date; userAgent: string | null; ip: string | null; createdAt: Date }): DatabaseSession {
  return {
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    attributes: { userAgent: row.userAgent, ip: row.ip, createdAt: row.createdAt },
  };
}
