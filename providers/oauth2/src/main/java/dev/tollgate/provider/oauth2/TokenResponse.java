package dev.tollgate.provider.oauth2;

/** RFC 6749 §5.1 successful response. */
public final class TokenResponse {

    public String access_token;
    public String token_type;
    public Long expires_in;
    public String refresh_token;
    public String scope;
}
