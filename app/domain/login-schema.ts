import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string({ required_error: "errors.required" }).trim().toLowerCase().max(254, "errors.tooLong|254").email("errors.email"),
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(200, "errors.tooLong|200"),
  redirectTo: z.string().max(500).optional(),
});
