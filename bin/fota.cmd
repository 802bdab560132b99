@echo off
rem fota - FOTA Desk on the command line (Samsung Knox E-FOTA).
rem Installed as <install folder>\resources\bin\fota.cmd. It runs the app's own binary as Node
rem (ELECTRON_RUN_AS_NODE=1) on the command line bundled in app.asar, so no Node.js is needed, and
rem it uses the same data folder as the window. The installer can add this folder to your PATH.
rem No parenthesised blocks below: an install folder such as "C:\Apps (x86)" would end them early.
setlocal
set "FOTA_DESK_RESOURCES=%~dp0.."
if exist "%FOTA_DESK_RESOURCES%\..\FOTA Desk.exe" goto run
echo fota: FOTA Desk.exe was not found next to "%~dp0". Reinstall FOTA Desk. 1>&2
exit /b 1
:run
set "ELECTRON_RUN_AS_NODE=1"
"%FOTA_DESK_RESOURCES%\..\FOTA Desk.exe" "%FOTA_DESK_RESOURCES%\app.asar\out\node\fota.mjs" %*
set FOTA_EXIT=%ERRORLEVEL%
endlocal & exit /b %FOTA_EXIT%
