/* text/fontenc.h (prefix fontenc_) — the legacy Vietnamese encoding a font name implies: the ABC fonts
 * (.VnTime, .VnArial, .VnTimeH …) hold TCVN3 bytes, the VNI fonts (VNI-Times, VNI-Helve …) VNI-Windows
 * bytes.  Word documents typed before Unicode name these fonts on every run, which is a surer guide
 * than guessing from the bytes. */
#ifndef PARPLAN_FONTENC_H
#define PARPLAN_FONTENC_H

/* ENC_TCVN3, ENC_VNI (text/encodings.h), or -1 for a font that implies no legacy encoding (NULL too).
 * *upper (may be NULL) is set to 1 for the capitals-only ABC faces (.VnTimeH, .VnArialH), which draw
 * every letter as a capital: their text is meant upper case. */
int fontenc_of(const char *font, int *upper);

#endif
