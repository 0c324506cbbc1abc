import { z } from "zod";
import { ROLES, TOKEN_SCOPES } from "./accounts.tables.ts";

const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.nhs.uk" }));

export const signInSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().min(1, "Enter your email address").max(254, "Email address must be 254 characters or fewer"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Password must be 1024 characters or fewer"),
});

export const newPasswordSchema = z
  .string({ error: "Enter a new password" })
  .min(12, "Password must be 12 characters or more")
  .max(1024, "Password must be 1024 characters or fewer");

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Confirm your new password" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const setPasswordSchema = z
  .object({ newPassword: newPasswordSchema, confirmPassword: z.string({ error: "Confirm your new password" }) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const inviteUserSchema = z.object({
  name: z.string({ error: "Enter the person's name" }).trim().min(1, "Enter the person's name").max(200, "Name must be 200 characters or fewer"),
  email,
  role: z.enum(ROLES, { error: "Select a role" }),
});

export const changeRoleSchema = z.object({ role: z.enum(ROLES, { error: "Select a role" }) });

export const createTokenSchema = z.object({
  name: z.string({ error: "Enter a name for the token" }).trim().min(1, "Enter a name for the token").max(100, "Name must be 100 characters or fewer"),
  scope: z.enum(TOKEN_SCOPES, { error: "Select what the token may do" }),
});
