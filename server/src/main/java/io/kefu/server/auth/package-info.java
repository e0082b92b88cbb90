/**
 * Who is calling: the {@link io.kefu.server.auth.Principal} of a request or connection, JWTs that carry
 * it ({@link io.kefu.server.auth.JwtService}), the platform {@link io.kefu.server.auth.AdminKey}, and
 * staff passwords ({@link io.kefu.server.auth.PasswordHasher}, deliberately slow, so it runs on the
 * {@code kefu-auth} executor and never on an event loop).
 */
package io.kefu.server.auth;
