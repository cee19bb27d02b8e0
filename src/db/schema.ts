// Table types, kept in step with migrations/. Generated<> marks columns the database fills in.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export type Role = 'admin' | 'member';

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  email: string;
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  locale: 'sv' | 'en' | 'da' | null;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: number;
  secret_hash: Uint8Array;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface DB {
  accounts: AccountsTable;
  sessions: SessionsTable;
}
