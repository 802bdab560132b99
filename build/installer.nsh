; FOTA Desk's additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; The installer offers to put the `fota` command line on the user's PATH (HKCU\Environment, no admin
; rights): it asks, or in a silent install (/S) does it only when given /ADDTOPATH. The answer is
; remembered, so an update keeps it, and the uninstaller takes the folder off the PATH again.
; PowerShell edits the registry value without expanding %VARIABLES% and keeps it REG_EXPAND_SZ
; (NSIS's own string functions would truncate a long PATH); Windows is told with WM_SETTINGCHANGE.
; Everything sits in macros: electron-builder compiles this file into the uninstaller too, and an
; unused Function there would be a warning, which it treats as an error.

!include LogicLib.nsh
!include FileFunc.nsh
!include WinMessages.nsh

!define FOTA_PATH_KEY "Software\FOTA Desk\fota"
!define FOTA_POWERSHELL "$SYSDIR\WindowsPowerShell\v1.0\powershell.exe"

; Runs a PowerShell command with FOTA_DESK_BIN set to the launcher folder; leaves the exit code in $0.
!macro fotaPowerShell COMMAND
  System::Call 'Kernel32::SetEnvironmentVariable(t "FOTA_DESK_BIN", t "$INSTDIR\resources\bin")'
  nsExec::ExecToLog `"${FOTA_POWERSHELL}" -NoProfile -NonInteractive -Command "${COMMAND}"`
  Pop $0
!macroend

!define FOTA_ADD_TO_PATH "$$d=$$env:FOTA_DESK_BIN; $$k=[Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment'); $$p=[string]$$k.GetValue('Path','',[Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames); $$parts=@($$p -split ';' | Where-Object { $$_ -ne '' }); if ($$parts -notcontains $$d) { $$k.SetValue('Path', (($$parts + $$d) -join ';'), [Microsoft.Win32.RegistryValueKind]::ExpandString) }; $$k.Close()"
!define FOTA_REMOVE_FROM_PATH "$$d=$$env:FOTA_DESK_BIN; $$k=[Microsoft.Win32.Registry]::CurrentUser.CreateSubKey('Environment'); $$p=[string]$$k.GetValue('Path','',[Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames); $$parts=@($$p -split ';' | Where-Object { $$_ -ne '' -and $$_ -ne $$d }); $$k.SetValue('Path', ($$parts -join ';'), [Microsoft.Win32.RegistryValueKind]::ExpandString); $$k.Close()"

!macro fotaAddToPath
  DetailPrint "Adding $INSTDIR\resources\bin to your PATH (the fota command line)"
  !insertmacro fotaPowerShell "${FOTA_ADD_TO_PATH}"
  ${If} $0 == "0"
    WriteRegStr HKCU "${FOTA_PATH_KEY}" "OnPath" "1"
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${Else}
    MessageBox MB_OK|MB_ICONEXCLAMATION "The fota command line could not be added to your PATH (PowerShell exit code $0).$\r$\n$\r$\nAdd this folder to your PATH yourself:$\r$\n$INSTDIR\resources\bin" /SD IDOK
  ${EndIf}
!macroend

!macro customInstall
  ReadRegStr $1 HKCU "${FOTA_PATH_KEY}" "OnPath"
  ${GetParameters} $2
  ClearErrors
  ${GetOptions} $2 "/ADDTOPATH" $3
  ${If} $1 == "1"
    ; Chosen at an earlier install: keep it (the folder may have moved).
    !insertmacro fotaAddToPath
  ${ElseIfNot} ${Errors}
    !insertmacro fotaAddToPath
  ${ElseIf} ${Cmd} `MessageBox MB_YESNO|MB_ICONQUESTION "Add the fota command line to your PATH?$\r$\n$\r$\nHelpdesk scripts and terminals opened from now on can then run fota (Knox E-FOTA from the command line). You can remove it again by uninstalling FOTA Desk." /SD IDNO IDYES`
    !insertmacro fotaAddToPath
  ${EndIf}
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first (--updated): the PATH entry stays for the new version.
  ${IfNot} ${isUpdated}
    ReadRegStr $1 HKCU "${FOTA_PATH_KEY}" "OnPath"
    ${If} $1 == "1"
      !insertmacro fotaPowerShell "${FOTA_REMOVE_FROM_PATH}"
      DeleteRegKey HKCU "${FOTA_PATH_KEY}"
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
!macroend
